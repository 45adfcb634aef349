// Draws every plot of the Tessera report with uPlot; marks each container data-rendered="true" once drawn,
// and the body with the count, so a headless browser can check the page.
(function () {
  const specs = JSON.parse(document.getElementById('plot-data').textContent);
  const colours = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
  let rendered = 0;
  const scale = (r, s) => (r ? Object.assign(s, { auto: false, range: [r.min, r.max] }) : s);
  for (const spec of specs) {
    const el = document.getElementById(spec.id);
    try {
      const series = [{ label: spec.x_label }].concat(spec.series.map((s, i) => ({
        label: s.label,
        stroke: colours[i % colours.length],
        width: s.line ? 1.5 : 0,
        paths: s.line ? (s.step ? uPlot.paths.stepped({ align: 1 }) : undefined) : () => null,
        points: { show: s.points, size: 5, fill: colours[i % colours.length] },
        spanGaps: false,
      })));
      // A parity plot is drawn square (both axes carry a label, so equal canvas sides give equal plot sides),
      // so that y = x runs at 45 degrees as in its SVG figure.
      const opts = {
        title: spec.title, width: spec.equal_axes ? 420 : 560, height: spec.equal_axes ? 420 : 340, series: series,
        // Ranges come from the C# side, the same for every model's plot of one kind and for the SVG figures.
        scales: { x: scale(spec.x_range, { time: false }), y: scale(spec.y_range, {}) },
        axes: [{ label: spec.x_label }, { label: spec.y_label }],
      };
      const plot = new uPlot(opts, [spec.x].concat(spec.series.map(s => s.y)), el);
      // The plot area in CSS px, so that a headless browser can check a parity plot's shape.
      el.setAttribute('data-plot-area', Math.round(plot.bbox.width / devicePixelRatio) + 'x' + Math.round(plot.bbox.height / devicePixelRatio));
      if (el.querySelector('canvas')) { el.setAttribute('data-rendered', 'true'); rendered++; }
    } catch (e) {
      el.setAttribute('data-error', String(e));
    }
  }
  document.body.setAttribute('data-plots-rendered', String(rendered));
  document.body.setAttribute('data-plots-expected', String(specs.length));
})();
