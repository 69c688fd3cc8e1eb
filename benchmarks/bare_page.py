"""The reference for the cold start: a bare Streamlit page with one Plotly chart, the framework's
own floor. benchmarks/run.py starts it as it starts the dashboard and times both in one run."""

import plotly.graph_objects as go
import streamlit as st

st.title("A bare page")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2])))
