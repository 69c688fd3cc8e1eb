"""Warm what the first page needs before the first visitor: `python -m findings serve`.

A fresh Streamlit server runs nothing until a browser connects, so the first visitor used to wait
for the imports, the validation, the excerpt patterns and the first queries. `serve` does that work
in the server's own process before it starts listening (its health check answers only then, so a
deployment's readiness probe waits for it too), through the same caches the pages read:

- the modules every page imports (pandas, DuckDB, Plotly and its chart types);
- the shared export set, validated and opened once per version (`data._open`, a
  `st.cache_resource` shared by every session), its excerpt patterns read from the pattern cache
  (findings/prebuilt.py) or built and kept there;
- the filter options in both languages and the landing page's queries, unfiltered, as the
  deployment's audience sees them (the Database's and the protection's result caches).

Nothing here depends on a visitor: a set that does not validate is left for the first page to
report, exactly as without a warm-up.
"""

from __future__ import annotations

import atexit
import ctypes
import gc
import logging
import sys
import time
from pathlib import Path

#: what the landing page (views/overview.py) runs before any filter is chosen
LANDING_QUERIES = ("headline", "theme_group_reach", "rules_list", "archive_totals")
#: which of them read an optional table
_NEEDS = {"rules_list": "rules", "archive_totals": "media"}


def _import_pages() -> None:
    import plotly.graph_objects as go
    import plotly.io

    from findings import charts, deck_export, downloads, report, stats, story  # noqa: F401
    from findings.app import frame, inventory, upload, widgets  # noqa: F401

    # Plotly loads a trace type's validators on its first figure: load those the pages draw
    traces = [go.Bar(x=[1], y=[1]), go.Heatmap(z=[[1]]), go.Scatter(x=[1], y=[1])]
    traces += [go.Sankey(node={"label": ["a", "b"]}, link={"source": [0], "target": [1], "value": [1]})]
    traces += [go.Treemap(labels=["a"], parents=[""], values=[1])]
    for trace in traces:
        plotly.io.to_json(go.Figure(trace).update_layout(title="warm-up"), validate=True)


def _first_run_costs() -> None:
    """What Streamlit and the frame do once per process, on the first page drawn."""
    import narwhals.stable.v1  # noqa: F401  # how Streamlit and Plotly read a pandas frame
    import PIL.Image  # noqa: F401  # st.set_page_config reads the tab icon through Pillow
    import streamlit.dataframe.lazy_df_adapters  # noqa: F401
    import streamlit.material_icon_names  # noqa: F401
    import streamlit.web.skills  # noqa: F401  # the first session's metadata asks it about the caller
    from streamlit import delta_generator, string_util

    string_util.extract_leading_emoji("Français")  # a label that is not ASCII compiles the emoji catalogue
    # Streamlit checks once per process, walking the stack with its source, whether it runs in a REPL
    # to print a hint; a server started by `streamlit run` never does
    if hasattr(delta_generator, "_use_warning_has_been_displayed"):
        delta_generator._use_warning_has_been_displayed = True


def _draw_landing_chart(ctx) -> None:
    """The landing page's chart, built and serialised as st.plotly_chart does, then dropped."""
    import plotly.io

    from findings import charts

    groups = ctx.run("theme_group_reach")
    if not groups.empty:
        figure = charts.theme_group_reach(groups, ctx.lang, min_cell=ctx.min_cell)
        plotly.io.to_json(figure, validate=False)


def warm() -> list[str]:
    """Do the work the first page would do; one line per step, saying what it did and how long."""
    # the caches are Streamlit's, used here outside any page run: it would warn about that each time
    quiet = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        return _warm()
    finally:
        quiet.setLevel(level)


def _warm() -> list[str]:
    from findings import access, i18n, privacy
    from findings.app import data
    from findings.app.context import PageContext
    from findings.filters import Filters

    said = []
    start = time.perf_counter()
    _import_pages()
    _first_run_costs()
    said.append(f"modules loaded in {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    db, report = data.warm_shared()
    if db is None:
        said.append(f"{data.data_dir()} did not open: the first page will say why")
        return said
    how = "read from the pattern cache" if db.prebuilt else "built"
    said.append(f"{data.data_dir()} opened in {time.perf_counter() - start:.1f} s (excerpt patterns {how})")
    start = time.perf_counter()
    audience = access.deployment_audience()[0]  # a visitor not signed in
    for lang in i18n.LANGUAGES:
        _values, labels = data.filter_options(db, lang)
        min_cell = privacy.min_cell()[0] if db.people else 0  # as the frame sets it
        ctx = PageContext(db, report, Filters(), lang, labels, audience, min_cell, people=db.people)
        for name in LANDING_QUERIES:
            if _NEEDS.get(name) is None or db.has(_NEEDS[name]):
                ctx.run(name)
        _draw_landing_chart(ctx)
    said.append(f"first page's numbers ready in {time.perf_counter() - start:.1f} s")
    return said


def settle() -> None:
    """Set aside, for the process's life, every object alive now (the modules, the open data, the
    warmed caches): Python's garbage collector no longer walks them. Streamlit runs a full
    collection after every script run (`runner.postScriptGC`), which walked all of them each time,
    about 30 ms of every viewer's rerun holding the interpreter; it now walks only what reruns
    made. What a rerun leaves behind is still collected after it."""
    import streamlit.web.bootstrap  # noqa: F401  # the server's own modules, loaded before the set-aside

    gc.collect()
    gc.freeze()
    # handed back at exit, so that the interpreter's last collection frees them as before (DuckDB's
    # bindings report objects still alive at exit as leaks)
    atexit.register(gc.unfreeze)


#: glibc's mallopt setting for how many malloc arenas a process may make (M_ARENA_MAX)
_M_ARENA_MAX = -8
#: ... the most for this server: by default glibc gives each thread that contends its own arena, up
#: to eight per core; every viewer's script runs on a thread of its own, and the memory each arena
#: frees stays with it, so a room of viewers grew a process by a hundred megabytes that held nothing
MALLOC_ARENAS = 2


def _few_malloc_arenas() -> None:
    """Cap glibc's malloc arenas (what MALLOC_ARENA_MAX=2 in the environment does), before any
    thread is started; elsewhere (another C library, another system) nothing is done."""
    if sys.platform != "linux":
        return
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.mallopt(_M_ARENA_MAX, MALLOC_ARENAS)
    except (OSError, AttributeError):  # not glibc
        pass


def serve(streamlit_args: list[str]) -> int:
    """Warm, saying what was done on stderr, then run `streamlit run dashboard.py` in this process
    (so that the pages find what was warmed) with the given options."""
    from streamlit.web import cli as streamlit_cli

    _few_malloc_arenas()
    try:
        said = warm()
    except Exception as exc:  # noqa: BLE001  # the first page then does the work, and says what failed
        said = [f"warm-up skipped ({type(exc).__name__}: {exc}); the first page will open the data"]
    settle()
    for line in said:
        print(f"[findings] {line}", file=sys.stderr, flush=True)
    dashboard = Path(__file__).resolve().parent.parent.parent / "dashboard.py"
    command = ["run", str(dashboard), *streamlit_args]
    return streamlit_cli.main(command, prog_name="streamlit", standalone_mode=False) or 0
