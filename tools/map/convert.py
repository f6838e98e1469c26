#!/usr/bin/env python3
"""Converts Natural Earth country boundaries (public domain), as shipped by the npm package
`world-atlas` (countries-50m.json, TopoJSON), into the simplified SVG paths Ayni's map uses:
the 33 countries of Latin America and the Caribbean, projected (equirectangular, scaled by
the cosine of the mid latitude) into a 1000-unit-wide viewBox, simplified with
Douglas-Peucker. Writes src/catalogue/map_data.json. Run once; commit the output.

    npm install --prefix /tmp/wa world-atlas@2
    python3 tools/map/convert.py /tmp/wa/node_modules/world-atlas/countries-50m.json
"""
import json
import math
import sys

ISO_NUMERIC = {
    "028": "AG", "032": "AR", "044": "BS", "052": "BB", "084": "BZ", "068": "BO", "076": "BR", "152": "CL",
    "170": "CO", "188": "CR", "192": "CU", "212": "DM", "218": "EC", "222": "SV", "308": "GD", "320": "GT",
    "328": "GY", "332": "HT", "340": "HN", "388": "JM", "484": "MX", "558": "NI", "591": "PA", "600": "PY",
    "604": "PE", "214": "DO", "659": "KN", "670": "VC", "662": "LC", "740": "SR", "780": "TT", "858": "UY",
    "862": "VE",
}
LON_MIN, LON_MAX, LAT_MIN, LAT_MAX = -118.5, -34.0, -56.0, 33.0
WIDTH = 1000.0
K = math.cos(math.radians((LAT_MIN + LAT_MAX) / 2))
SCALE = WIDTH / ((LON_MAX - LON_MIN) * K)
HEIGHT = round((LAT_MAX - LAT_MIN) * SCALE, 1)
TOLERANCE = 0.6  # viewBox units


def project(lon, lat):
    return ((lon - LON_MIN) * K * SCALE, (LAT_MAX - lat) * SCALE)


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(arcs, indices):
    pts = []
    for i in indices:
        seg = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(seg if not pts else seg[1:])
    return pts


def simplify(points, tol):
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        ax, ay = points[a]
        bx, by = points[b]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy) or 1e-9
        best, idx = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            d = abs(dy * px - dx * py + bx * ay - by * ax) / norm
            if d > best:
                best, idx = d, i
        if best > tol:
            keep[idx] = True
            stack.append((a, idx))
            stack.append((idx, b))
    return [p for p, k in zip(points, keep) if k]


def area(points):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]))) / 2


def main(path):
    topo = json.load(open(path))
    arcs = decode_arcs(topo)
    out = []
    for g in topo["objects"]["countries"]["geometries"]:
        code = ISO_NUMERIC.get(g.get("id"))
        if not code:
            continue
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        rings = []
        for poly in polys:
            for r in poly:
                projected = [project(lon, lat) for lon, lat in ring(arcs, r)]
                # a closed ring: simplify its two halves, split at the point farthest from the start
                x0, y0 = projected[0]
                far = max(range(len(projected)), key=lambda i: math.hypot(projected[i][0] - x0, projected[i][1] - y0))
                half = simplify(projected[: far + 1], TOLERANCE)[:-1] + simplify(projected[far:], TOLERANCE)
                rings.append(half[:-1] if len(half) > 1 and half[0] == half[-1] else half)
        rings.sort(key=area, reverse=True)
        # drop specks, but keep every country's largest ring (small islands stay visible)
        kept = [r for i, r in enumerate(rings) if i == 0 or area(r) > 1.5]
        d = "".join("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in r) + "Z" for r in kept if len(r) >= 3)
        # label at the middle of the largest ring (Ecuador's, not the Galápagos')
        xs = [x for x, _ in kept[0]]
        ys = [y for _, y in kept[0]]
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        out.append({"code": code, "path": d, "label": [round(cx, 1), round(cy, 1)]})
    out.sort(key=lambda c: c["code"])
    data = {
        "source": "Natural Earth 1:50m (public domain) via world-atlas@2, simplified by tools/map/convert.py",
        "width": WIDTH, "height": HEIGHT,
        "projection": {"lon_min": LON_MIN, "lat_max": LAT_MAX, "k": K, "scale": SCALE},
        "countries": out,
    }
    json.dump(data, open("src/catalogue/map_data.json", "w"), separators=(",", ":"))
    print(f"{len(out)} countries, {sum(len(c['path']) for c in out)} bytes of paths")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/wa/node_modules/world-atlas/countries-50m.json")
