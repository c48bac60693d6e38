#!/usr/bin/env python3
"""Flame graphs (SVG) from a Java Flight Recorder file, with the JDK's own `jfr` tool only.

  bench/flamegraph.py RECORDING.jfr OUT_PREFIX [TITLE]

writes OUT_PREFIX-cpu.svg (jdk.ExecutionSample: where the CPU goes, one sample = one unit) and
OUT_PREFIX-wait.svg (socket reads, parks and monitor waits recorded over the threshold, weighted
by how long each lasted: where request threads wait). Threads that wait for work (idle pool
threads, the broker client's and timers' loops) are left out of the wait graph: their waiting is
not anyone's latency. Prints the heaviest frames of PayDesk's own code to stdout.

Each box is a method; its width is its share of the samples (or wait time) of everything drawn;
the boxes above it are what it called. Hover a box for its name and share.
"""
import collections
import html
import subprocess
import sys

CPU_EVENTS = ["jdk.ExecutionSample"]
WAIT_EVENTS = ["jdk.SocketRead", "jdk.ThreadPark", "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait"]
# a thread waiting here waits for work, not for something a request needs
IDLE = (
    "java.util.concurrent.ThreadPoolExecutor.getTask",
    "java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue.take",
    "org.glassfish.grizzly.threadpool.",
    "org.apache.activemq.artemis.utils.actors.",
    "org.apache.activemq.artemis.core.client.impl.ClientConsumerImpl.receive",
    "io.netty.channel.nio.NioEventLoop.run",
    "java.util.concurrent.ForkJoinPool.awaitWork",
    "com.hazelcast.",
    "java.util.TimerThread.mainLoop",
    "java.lang.ref.",
    "jdk.internal.misc.InnocuousThread",
    "sun.nio.ch.SelectorImpl.select",
)
WIDTH = 1600
ROW = 17


def events(recording, names):
    """Streams (stack root first, duration in ms) of the named events: `jfr print`'s text, read
    line by line (its JSON of a long recording does not fit in memory)."""
    proc = subprocess.Popen(
        ["jfr", "print", "--stack-depth", "128", "--events", ",".join(names), recording],
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1 << 20,
    )
    stack, duration, in_stack = [], 0.0, False
    for line in proc.stdout:
        line = line.rstrip("\n")
        if in_stack:
            if line.strip() == "]":
                in_stack = False
            elif line.strip() != "...":
                stack.append(line.strip().split("(", 1)[0])
        elif line.startswith("  duration = "):
            duration = duration_ms(line.split("=", 1)[1].strip())
        elif line.startswith("  stackTrace = ["):
            in_stack = True
        elif line == "}":
            if stack:
                yield list(reversed(stack)), duration
            stack, duration = [], 0.0
    proc.wait()


def duration_ms(text):
    value, _, unit = text.partition(" ")
    try:
        v = float(value.replace(",", ""))
    except ValueError:
        return 0.0
    return v * {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1000.0, "min": 60000.0}.get(unit, 1.0)


def fold(recording, names, weighted, drop_idle):
    folded = collections.Counter()
    for stack, duration in events(recording, names):
        if drop_idle and any(fr.startswith(IDLE) for fr in stack):
            continue
        folded[tuple(stack)] += duration if weighted else 1
    return folded


def colour(name):
    if name.startswith("io.paydesk."):
        return "rgb(80,190,90)"
    if name.startswith("org.postgresql.") or name.startswith("org.h2."):
        return "rgb(90,150,230)"
    if name.startswith("org.eclipse.persistence."):
        return "rgb(170,120,220)"
    if name.startswith("org.apache.activemq."):
        return "rgb(230,120,160)"
    if name.startswith(("java.", "jdk.", "sun.")):
        return "rgb(240,170,70)"
    return "rgb(230,210,110)"


def svg(folded, title, unit):
    total = sum(folded.values())
    tree = {}
    for stack, w in folded.items():
        node = tree
        for fr in stack:
            node = node.setdefault(fr, [0, {}])
            node[0] += w
            node = node[1]
    depth = max((len(s) for s in folded), default=1)
    height = (depth + 3) * ROW
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        'font-family="monospace" font-size="11">',
        f'<rect width="{WIDTH}" height="{height}" fill="white"/>',
        f'<text x="5" y="14" font-size="13">{html.escape(title)} — {total:,.0f} {unit}; '
        "width = share; green PayDesk, purple EclipseLink, blue JDBC, pink Artemis, orange JDK</text>",
    ]

    def draw(node, x, level):
        for name, (w, children) in sorted(node.items()):
            width = w / total * WIDTH if total else 0
            if width >= 1.5:
                y = height - (level + 1) * ROW
                share = 100.0 * w / total
                label = name.rsplit(".", 2)
                short = ".".join(label[-2:]) if len(label) > 1 else name
                parts.append(
                    f'<g><title>{html.escape(name)} ({w:,.0f} {unit}, {share:.2f} %)</title>'
                    f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{ROW - 1}" '
                    f'fill="{colour(name)}" rx="2"/>'
                )
                chars = int(width / 6.6)
                if chars >= 3:
                    text = short if len(short) <= chars else short[: chars - 2] + ".."
                    parts.append(f'<text x="{x + 2:.1f}" y="{y + 12}">{html.escape(text)}</text>')
                parts.append("</g>")
                draw(children, x, level + 1)
            x += width

    draw(tree, 0.0, 0)
    parts.append("</svg>")
    return "\n".join(parts)


def heaviest_own(folded, n=25):
    """Inclusive weight of PayDesk's methods (each counted once per stack)."""
    incl = collections.Counter()
    total = sum(folded.values())
    for stack, w in folded.items():
        for fr in set(stack):
            if fr.startswith("io.paydesk.") or fr.startswith("org.postgresql.core.v3.QueryExecutorImpl.execute"):
                incl[fr] += w
    return [(fr, 100.0 * w / total) for fr, w in incl.most_common(n)]


def main():
    recording, prefix = sys.argv[1], sys.argv[2]
    title = sys.argv[3] if len(sys.argv) > 3 else recording
    cpu = fold(recording, CPU_EVENTS, weighted=False, drop_idle=False)
    wait = fold(recording, WAIT_EVENTS, weighted=True, drop_idle=True)
    with open(prefix + "-cpu.svg", "w") as f:
        f.write(svg(cpu, title + ": CPU samples", "samples"))
    with open(prefix + "-wait.svg", "w") as f:
        f.write(svg(wait, title + ": waits of request threads", "ms"))
    for name, folded in (("cpu", cpu), ("wait", wait)):
        print(f"== {name}: {sum(folded.values()):,.0f} total")
        for fr, share in heaviest_own(folded):
            print(f"{share:6.2f} %  {fr}")


if __name__ == "__main__":
    main()
