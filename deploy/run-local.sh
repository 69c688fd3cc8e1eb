#!/usr/bin/env bash
# Serve the dashboard from N processes behind nginx on this machine, as deploy/nginx.conf says:
#
#     deploy/run-local.sh N [streamlit run options...]
#
# It builds the excerpt patterns once (`python -m findings build`), starts N `python -m findings
# serve` processes on consecutive loopback ports, waits until each answers its health check, then
# runs nginx in front of them as the current user, with its configuration, logs and temporary
# files in a fresh temporary folder. When all is up it prints one line
#
#     ready: http://127.0.0.1:PORT (N processes)
#
# and runs until it gets SIGINT (Ctrl+C) or SIGTERM, or nginx or every process stops; then it stops
# the rest and removes the folder. When one process stops, nginx sends its browsers to the others
# (where each starts afresh: a session lives in one process). Options after N go to every
# `streamlit run` (e.g. --secrets.files PATH). Settings (README, "Configuration"): FINDINGS_DATA_DIR
# (default the bundled data/), FINDINGS_PROXY_PORT (default 8500), FINDINGS_UPSTREAM_PORT (the
# first process's port, default 8601), FINDINGS_CACHE_DIR and the dashboard's other FINDINGS_*.
set -euo pipefail

usage="usage: deploy/run-local.sh N [streamlit run options...]   (N: how many dashboard processes, 1 or more)"

say() { echo "run-local: $*" >&2; }
fail() {
    say "$*"
    exit 1
}

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

# --- what was asked --------------------------------------------------------------------------
if [[ $# -lt 1 ]]; then
    echo "$usage" >&2
    exit 2
fi
if ! [[ $1 =~ ^[0-9]+$ ]] || ((10#$1 < 1)); then
    say "N must be a whole number of processes, 1 or more; got '$1'"
    echo "$usage" >&2
    exit 2
fi
count=$((10#$1))
shift

whole_port() { # NAME VALUE: a port number, or a clear message
    if ! [[ $2 =~ ^[0-9]+$ ]] || ((10#$2 < 1 || 10#$2 > 65535)); then
        say "$1 must be a port number from 1 to 65535; got '$2'"
        exit 2
    fi
}
proxy_port=${FINDINGS_PROXY_PORT:-8500}
first_port=${FINDINGS_UPSTREAM_PORT:-8601}
whole_port FINDINGS_PROXY_PORT "$proxy_port"
whole_port FINDINGS_UPSTREAM_PORT "$first_port"
proxy_port=$((10#$proxy_port))
first_port=$((10#$first_port))
last_port=$((first_port + count - 1))
if ((last_port > 65535)); then
    say "$count processes from port $first_port (FINDINGS_UPSTREAM_PORT) run past port 65535"
    exit 2
fi
if ((proxy_port >= first_port && proxy_port <= last_port)); then
    say "the proxy's port $proxy_port (FINDINGS_PROXY_PORT) is one of the processes' ports" \
        "$first_port-$last_port (FINDINGS_UPSTREAM_PORT and N)"
    exit 2
fi
data_dir=${FINDINGS_DATA_DIR:-$root/data}
[[ -d $data_dir ]] || fail "no folder $data_dir (FINDINGS_DATA_DIR)"
data_dir=$(cd "$data_dir" && pwd)

# --- what it needs -----------------------------------------------------------------------------
nginx=$(command -v nginx || true)
if [[ -z $nginx && -x /usr/sbin/nginx ]]; then # /usr/sbin is not on every user's PATH
    nginx=/usr/sbin/nginx
fi
[[ -n $nginx ]] || fail "nginx is not installed: install Debian's nginx package (apt-get install nginx)"
if [[ ! -x .venv/bin/python ]]; then
    command -v python3 >/dev/null || fail "python3 is not installed: the dashboard needs Python 3.11 or newer"
    python3 -c "import dev; dev.ensure_venv('requirements.txt')"
fi
python=$root/.venv/bin/python

taken=$("$python" - "$proxy_port" $(seq "$first_port" "$last_port") <<'EOF'
import socket, sys

for port in sys.argv[1:]:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", int(port)))
        except OSError:
            print(port, end=" ")
EOF
)
if [[ -n $taken ]]; then
    say "port ${taken% } is already in use on 127.0.0.1: the proxy takes $proxy_port" \
        "(FINDINGS_PROXY_PORT), the processes $first_port-$last_port (FINDINGS_UPSTREAM_PORT and N)"
    exit 1
fi

# --- stopping everything, however it ends ------------------------------------------------------
run=$(mktemp -d -t findings-deploy.XXXXXX)
pids=()
declare -A port_of=()
stop_all() {
    trap - INT TERM EXIT
    if ((${#pids[@]})); then
        kill -TERM "${pids[@]}" 2>/dev/null || true
        for _ in $(seq 100); do # up to 10 s to finish, then no more waiting
            alive=0
            for pid in "${pids[@]}"; do
                kill -0 "$pid" 2>/dev/null && alive=1
            done
            ((alive)) || break
            sleep 0.1
        done
        kill -KILL "${pids[@]}" 2>/dev/null || true
        wait 2>/dev/null || true
    fi
    rm -rf "$run"
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

# answers `GET path` on a loopback port with 200? (bash's own /dev/tcp: no curl needed)
answers() {
    (
        exec 3<>"/dev/tcp/127.0.0.1/$1"
        printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\n\r\n' "$2" "$1" >&3
        read -r -t 5 status <&3
        [[ $status == HTTP/1.?" 200"* ]]
    ) 2>/dev/null
}

gone() { # NAME LOG: a process stopped; say so with the end of its log
    say "$1 stopped before it was ready; the end of its log:"
    tail -n 30 "$2" >&2 || true
    exit 1
}

# --- the patterns, once, for every process (findings/prebuilt.py) ------------------------------
export FINDINGS_DATA_DIR=$data_dir
"$python" -m findings build "$data_dir" >&2 || fail "python -m findings build $data_dir failed (above)"

# --- the dashboard processes -------------------------------------------------------------------
for port in $(seq "$first_port" "$last_port"); do
    "$python" -m findings serve --server.port "$port" --server.address 127.0.0.1 --server.headless true \
        "$@" </dev/null >"$run/findings-$port.log" 2>&1 &
    pids+=($!)
    port_of[$!]=$port
done
for i in "${!pids[@]}"; do
    port=$((first_port + i))
    for _ in $(seq 1200); do # up to 10 minutes (a large set's first page)
        answers "$port" /_stcore/health && break
        kill -0 "${pids[$i]}" 2>/dev/null || gone "the process on port $port" "$run/findings-$port.log"
        sleep 0.5
    done
    answers "$port" /_stcore/health || gone "the process on port $port" "$run/findings-$port.log"
done

# --- nginx in front ----------------------------------------------------------------------------
max_mb=$("$python" -c "from findings.importers.upload import MAX_UPLOAD_MB; print(MAX_UPLOAD_MB + 1)")
servers=""
for port in $(seq "$first_port" "$last_port"); do
    servers+="server 127.0.0.1:$port;"$'\n        '
done
template=$(<deploy/nginx.conf)
config=${template//@UPSTREAMS@/${servers%$'\n        '}}
config=${config//@LISTEN@/127.0.0.1:$proxy_port}
config=${config//@MAX_BODY@/$max_mb}
printf '%s\n' "$config" >"$run/nginx.conf"
as_me=() # started by root, nginx's workers would run as nobody, who cannot write in this folder
if ((EUID == 0)); then
    as_me=(-g "user $(id -un) $(id -gn);")
fi
"$nginx" -p "$run/" -c "$run/nginx.conf" "${as_me[@]}" </dev/null >"$run/nginx.out" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
    answers "$proxy_port" /_stcore/health && break
    kill -0 "${pids[-1]}" 2>/dev/null || gone nginx "$run/nginx.out"
    sleep 0.1
done
answers "$proxy_port" /_stcore/health || gone nginx "$run/error.log"

say "logs in $run (removed when this stops)"
processes=$([[ $count == 1 ]] && echo process || echo processes)
echo "ready: http://127.0.0.1:$proxy_port ($count $processes)"

# --- until a signal; a process that stops leaves its browsers to the others (nginx.conf) ---------
nginx_pid=${pids[-1]}
running=("${pids[@]}")
while true; do
    set +e
    wait -n -p stopped "${running[@]}"
    code=$?
    set -e
    if [[ -z ${stopped:-} ]]; then # nothing left to wait for
        exit 1
    fi
    if [[ $stopped == "$nginx_pid" ]]; then
        say "nginx stopped (exit code $code); stopping the processes"
        tail -n 30 "$run/error.log" >&2 || true
        exit 1
    fi
    port=${port_of[$stopped]}
    say "the process on port $port stopped (exit code $code); nginx sends its browsers to the others"
    tail -n 30 "$run/findings-$port.log" >&2 || true
    still=()
    for pid in "${running[@]}"; do
        [[ $pid == "$stopped" ]] || still+=("$pid")
    done
    running=("${still[@]}")
    if ((${#running[@]} == 1)); then
        say "no dashboard process is left; stopping nginx"
        exit 1
    fi
done
