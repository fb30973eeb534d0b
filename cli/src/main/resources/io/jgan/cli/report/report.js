// jgan report: draws the charts of the embedded data as SVG, with TensorBoard-style smoothing,
// and drives the sample-grid slider. No network, no libraries.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
  var W = 600, H = 250, L = 58, R = 24, T = 10, B = 26, SPARSE = 30;
  var SVGNS = 'http://www.w3.org/2000/svg';

  // Exponential moving average with the start-up bias removed, as TensorBoard smooths scalars.
  function smooth(ys, w) {
    if (w <= 0) return ys;
    var out = new Array(ys.length), last = 0, n = 0;
    for (var i = 0; i < ys.length; i++) {
      var v = ys[i];
      if (v === null || !isFinite(v)) { out[i] = v; continue; }
      last = last * w + (1 - w) * v; n++;
      out[i] = last / (1 - Math.pow(w, n));
    }
    return out;
  }

  function niceStep(span, count) {
    var raw = span / Math.max(1, count), mag = Math.pow(10, Math.floor(Math.log10(raw))), r = raw / mag;
    return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10) * mag;
  }

  function ticks(lo, hi, count) {
    var step = niceStep(hi - lo, count), out = [];
    if (!(step > 0) || !isFinite(step)) return out;
    for (var k = Math.ceil(lo / step); k * step <= hi + step * 1e-9 && out.length < 50; k++) out.push(k === 0 ? 0 : k * step);
    return out;
  }

  function fmt(v) {
    if (v === null || v === undefined || !isFinite(v)) return String(v);
    var a = Math.abs(v);
    if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(2);
    return String(Number(v.toPrecision(4)));
  }

  function finite(v) { return v !== null && isFinite(v); }

  function range(values, ignoreOutliers) {
    var vs = values.filter(finite).sort(function (a, b) { return a - b; });
    if (!vs.length) return [0, 1];
    var lo = vs[0], hi = vs[vs.length - 1];
    if (ignoreOutliers && vs.length > 20) {
      lo = vs[Math.floor(0.02 * (vs.length - 1))]; hi = vs[Math.ceil(0.98 * (vs.length - 1))];
    }
    // A constant line (up to rounding in the smoothing) gets a band around it, not a scale of 1e-16.
    if (hi - lo <= 1e-9 * Math.max(Math.abs(lo), Math.abs(hi))) { var d = Math.abs(lo) * 0.1 || 1; lo -= d; hi += d; }
    var pad = (hi - lo) * 0.05;
    return [lo - pad, hi + pad];
  }

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVGNS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }

  function draw(chart, box, w, ignoreOutliers) {
    var svg = box.querySelector('svg');
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    // A sparse series (an evaluation every few thousand steps) is drawn as measured: a moving average over
    // a handful of points would lag far behind the last one.
    var wOf = function (s) { return s.x.length > SPARSE ? w : 0; };
    var xs = [], ysAll = [], shown = chart.series.map(function (s) {
      var sm = smooth(s.y, wOf(s));
      xs = xs.concat([s.x[0], s.x[s.x.length - 1]]);
      ysAll = ysAll.concat(s.y, sm);
      return sm;
    });
    var xlo = Math.min.apply(null, xs), xhi = Math.max.apply(null, xs);
    if (xlo === xhi) { xlo -= 1; xhi += 1; }
    var yr = range(ysAll, ignoreOutliers), ylo = yr[0], yhi = yr[1];
    function px(x) { return L + (x - xlo) / (xhi - xlo) * (W - L - R); }
    function py(y) { return T + (yhi - Math.min(yhi, Math.max(ylo, y))) / (yhi - ylo) * (H - T - B); }
    ticks(ylo, yhi, 5).forEach(function (v) {
      el('line', {x1: L, x2: W - R, y1: py(v), y2: py(v), 'class': 'gridline'}, svg);
      el('text', {x: L - 6, y: py(v) + 4, 'text-anchor': 'end'}, svg).textContent = fmt(v);
    });
    ticks(xlo, xhi, 6).filter(function (v) { return v === Math.round(v); }).forEach(function (v) {
      el('line', {x1: px(v), x2: px(v), y1: H - B, y2: H - B + 4, 'class': 'axis'}, svg);
      el('text', {x: px(v), y: H - 8, 'text-anchor': 'middle'}, svg).textContent = fmt(v);
    });
    el('line', {x1: L, x2: W - R, y1: H - B, y2: H - B, 'class': 'axis'}, svg);
    el('line', {x1: L, x2: L, y1: T, y2: H - B, 'class': 'axis'}, svg);
    chart.series.forEach(function (s, i) {
      var colour = PALETTE[(s.c !== undefined ? s.c : i) % PALETTE.length];
      var layers = wOf(s) > 0 ? [[s.y, 0.25, 1], [shown[i], 1, 1.8]] : [[s.y, 1, 1.6]];
      layers.forEach(function (layer) {
        var d = '', pen = false, ys = layer[0];
        for (var k = 0; k < s.x.length; k++) {
          if (!finite(ys[k])) { pen = false; continue; }
          d += (pen ? 'L' : 'M') + px(s.x[k]).toFixed(1) + ' ' + py(ys[k]).toFixed(1);
          pen = true;
        }
        if (d) el('path', {d: d, fill: 'none', stroke: colour, 'stroke-width': layer[2], 'stroke-opacity': layer[1],
          'class': 'series', 'data-name': s.name}, svg);
      });
      if (s.x.length <= SPARSE) {
        for (var k = 0; k < s.x.length; k++) {
          if (finite(shown[i][k])) el('circle', {cx: px(s.x[k]), cy: py(shown[i][k]), r: 2.6, fill: colour}, svg);
        }
      }
    });
    var guide = el('line', {y1: T, y2: H - B, 'class': 'guide', visibility: 'hidden'}, svg);
    var readout = box.querySelector('.readout');
    svg.onmousemove = function (ev) {
      var r = svg.getBoundingClientRect(), x = xlo + ((ev.clientX - r.left) / r.width * W - L) / (W - L - R) * (xhi - xlo);
      var parts = [], at = null;
      chart.series.forEach(function (s, i) {
        var best = 0;
        for (var k = 1; k < s.x.length; k++) if (Math.abs(s.x[k] - x) < Math.abs(s.x[best] - x)) best = k;
        if (at === null) at = s.x[best];
        parts.push(s.name + ' ' + fmt(shown[i][best]) + (wOf(s) > 0 ? ' (' + fmt(s.y[best]) + ')' : ''));
      });
      guide.setAttribute('x1', px(at)); guide.setAttribute('x2', px(at)); guide.setAttribute('visibility', 'visible');
      readout.textContent = 'step ' + at + ': ' + parts.join(' \u00b7 ');
    };
    svg.onmouseleave = function () { guide.setAttribute('visibility', 'hidden'); readout.textContent = ''; };
  }

  var list = document.getElementById('chart-list');
  var boxes = data.charts.map(function (chart) {
    var box = document.createElement('div');
    box.className = 'chart';
    box.setAttribute('data-chart', chart.id);
    var h = document.createElement('h3');
    h.textContent = chart.title;
    box.appendChild(h);
    el('svg', {viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': chart.title}, box);
    var legend = document.createElement('div');
    legend.className = 'legend';
    chart.series.forEach(function (s, i) {
      var item = document.createElement('span');
      item.style.setProperty('--c', PALETTE[(s.c !== undefined ? s.c : i) % PALETTE.length]);
      item.textContent = s.name;
      legend.appendChild(item);
    });
    box.appendChild(legend);
    var readout = document.createElement('div');
    readout.className = 'readout';
    box.appendChild(readout);
    list.appendChild(box);
    return box;
  });
  if (!data.charts.length) list.innerHTML = '<p class="empty">No metrics logged yet.</p>';

  var smoothing = document.getElementById('smoothing'), smoothingOut = document.getElementById('smoothing-value');
  var outliers = document.getElementById('outliers');
  function redraw() {
    var w = Number(smoothing.value);
    smoothingOut.textContent = w.toFixed(2);
    data.charts.forEach(function (c, i) { draw(c, boxes[i], w, outliers.checked); });
  }
  smoothing.oninput = redraw;
  outliers.onchange = redraw;
  redraw();

  // Sample grids: the slider shows one step at a time; the strip's thumbnails jump to theirs.
  var slider = document.getElementById('grid-slider');
  if (slider && data.grids.length) {
    var view = document.getElementById('grid-view'), label = document.getElementById('grid-step');
    var figures = document.querySelectorAll('.strip figure');
    var show = function (i) {
      var g = data.grids[i];
      view.src = g.src;
      label.textContent = 'step ' + g.step + ' (' + (i + 1) + ' of ' + data.grids.length + ')';
      figures.forEach(function (f) { f.classList.toggle('current', Number(f.getAttribute('data-step')) === g.step); });
    };
    slider.oninput = function () { show(Number(slider.value)); };
    figures.forEach(function (f) {
      f.onclick = function () {
        var step = Number(f.getAttribute('data-step'));
        for (var i = 0; i < data.grids.length; i++) if (data.grids[i].step === step) { slider.value = i; show(i); }
      };
    });
    show(Number(slider.value));
  }
  // What was drawn, on the body: a browser test (or a person in the inspector) reads it there.
  document.body.setAttribute('data-charts', String(data.charts.length));
  window.addEventListener('load', function () {
    var imgs = Array.prototype.filter.call(document.images, function (i) { return i.loading !== 'lazy'; });
    document.body.setAttribute('data-images-loaded', imgs.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length + '/' + imgs.length);
  });
})();
