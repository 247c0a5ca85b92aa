#!/usr/bin/env bash
# The fleet report in a real browser: install Debian's headless Chromium
# when missing, render the demo fleet's report offline, check the rendered
# DOM has every chart drawn, and that a screenshot is not blank.
#   bash tests/browser/report.sh [SCREENSHOT.png]
set -euo pipefail
cd "$(dirname "$0")/../.."

find_browser() {
  command -v chromium-headless-shell || command -v chromium || true
}
browser="$(find_browser)"
if [ -z "$browser" ]; then
  echo "installing chromium-headless-shell (Debian package)" >&2
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium-headless-shell >/dev/null
  browser="$(find_browser)"
fi
[ -n "$browser" ] || { echo "no headless Chromium could be installed" >&2; exit 1; }

# the binary `cargo test --workspace` built (same features: no rebuild)
bin=target/debug/assetlog
[ -x "$bin" ] || cargo build -q -p assetlog-cli
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
"$bin" --db "$dir/demo.db" demo --people 400 >/dev/null
"$bin" --db "$dir/demo.db" report --html "$dir/report.html" >/dev/null

# offline: no network for the browser, and the page must need none
run() {
  "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
    --proxy-server=127.0.0.1:9 --proxy-bypass-list='<-loopback>' "$@" 2>/dev/null
}
run --dump-dom "file://$dir/report.html" > "$dir/dom.html"
run --window-size=1200,2400 --screenshot="$dir/shot.png" "file://$dir/report.html" >/dev/null

python3 - "$dir/dom.html" "$dir/shot.png" <<'PY'
import re, struct, sys, zlib

dom = open(sys.argv[1], encoding="utf-8").read()
figures = re.findall(r'<figure class="chart" id="([a-z0-9-]+)">(.*?)</figure>', dom, re.S)
ids = {i for i, _ in figures}
need = {"status-by-country", "utilization", "age", "end-of-life", "repair-turnaround",
        "delivery-by-carrier", "delivery-by-country", "license-seats"}
missing = need - ids
assert not missing, f"charts missing from the rendered page: {missing}"
assert any(i.startswith("spend-") for i in ids) and any(i.startswith("book-value-") for i in ids)
for i, body in figures:
    assert "<svg" in body, f"{i}: no SVG"
    marks = len(re.findall(r"<(rect|polyline|path)\b", body))
    assert marks > 3, f"{i}: nothing drawn ({marks} marks)"
    assert "<text" in body, f"{i}: no title or labels"
for section in ("overdue", "idle", "unpatched", "warranty"):
    assert f'id="{section}"' in dom, f"table {section} missing"

# the screenshot: decode the PNG (8-bit RGB or RGBA) and count what is not white
data = open(sys.argv[2], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, width, height, channels = 8, b"", 0, 0, 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    chunk = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
        assert depth == 8 and colour in (2, 6), (depth, colour)
        channels = 3 if colour == 2 else 4
    elif kind == b"IDAT":
        idat += chunk
    pos += 12 + n
raw = zlib.decompress(idat)
stride = width * channels
prev = bytearray(stride)
ink, colours = 0, set()
for y in range(height):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for x in range(stride):
        a = line[x - channels] if x >= channels else 0
        b = prev[x]
        c = prev[x - channels] if x >= channels else 0
        if f == 1:
            line[x] = (line[x] + a) & 255
        elif f == 2:
            line[x] = (line[x] + b) & 255
        elif f == 3:
            line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 4 == 0:
        for x in range(0, stride, channels * 4):
            px = tuple(line[x:x + 3])
            colours.add(px)
            if px != (255, 255, 255):
                ink += 1
    prev = line
sampled = (height // 4 + 1) * (width // 4 + 1)
share = ink / sampled
assert len(colours) > 20 and share > 0.05, f"the screenshot looks blank: {len(colours)} colours, {share:.1%} ink"
print(f"report: {len(figures)} charts rendered; screenshot {width}x{height}, {len(colours)} colours, {share:.0%} ink")
PY

if [ $# -gt 0 ]; then cp "$dir/shot.png" "$1"; fi
