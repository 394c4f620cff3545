// Draws the dashboard's charts from the data the server put in data attributes, and filters
// tables as the user types. Loads nothing: every request stays on this origin. Tooltips are
// drawn on the canvas (renderMode "richText"): HTML tooltips would carry inline styles, which
// the page's content security policy forbids.
(function () {
  "use strict";
  var charts = [];
  var TOOLTIP = { renderMode: "richText", confine: true };

  function tooltip(extra) {
    var t = {};
    Object.keys(TOOLTIP).forEach(function (k) { t[k] = TOOLTIP[k]; });
    Object.keys(extra).forEach(function (k) { t[k] = extra[k]; });
    return t;
  }

  function draw(el, option) {
    var chart = echarts.init(el);
    option.animation = false;
    chart.setOption(option);
    charts.push(chart);
  }

  function activity(el) {
    var points = JSON.parse(el.dataset.history);
    draw(el, {
      tooltip: tooltip({ trigger: "axis" }),
      legend: { data: ["active machines", "new machines"] },
      grid: { left: 56, right: 16, top: 36, bottom: 32 },
      xAxis: { type: "category", data: points.map(function (p) { return p.day; }) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: "active machines", type: "line", data: points.map(function (p) { return p.active; }) },
        { name: "new machines", type: "bar", data: points.map(function (p) { return p["new"]; }) }
      ]
    });
  }

  function adoption(el) {
    var data = JSON.parse(el.dataset.adoption);
    var series = data.series.map(function (s) {
      return { name: s.name, type: "line", stack: "share", areaStyle: {}, symbol: "none",
        data: s.share };
    });
    series.push({ name: "other", type: "line", stack: "share", areaStyle: {}, symbol: "none",
      data: data.other });
    draw(el, {
      tooltip: tooltip({ trigger: "axis", valueFormatter: function (v) { return v + " %"; } }),
      legend: { type: "scroll", data: series.map(function (s) { return s.name; }) },
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: "category", boundaryGap: false, data: data.days },
      yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value} %" } },
      series: series
    });
  }

  function trend(el) {
    var data = JSON.parse(el.dataset.trend);
    draw(el, {
      tooltip: tooltip({ trigger: "axis" }),
      legend: { data: ["machines", "of machines reporting"] },
      grid: { left: 56, right: 16, top: 36, bottom: 32 },
      xAxis: { type: "category", data: data.days },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: "machines", type: "line", connectNulls: false, data: data.machines },
        { name: "of machines reporting", type: "line", lineStyle: { type: "dashed" },
          symbol: "none", data: data.reporting }
      ]
    });
  }

  function bars(el) {
    var rows = JSON.parse(el.dataset.bars).reverse();
    if (rows.length === 0) {
      el.classList.add("empty");
      el.textContent = "Nothing reported by enough machines yet.";
      return;
    }
    draw(el, {
      tooltip: tooltip({ trigger: "axis", axisPointer: { type: "shadow" } }),
      grid: { left: 8, right: 24, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: rows.map(function (r) { return r[0]; }),
        axisLabel: { width: 170, overflow: "truncate", formatter: function (name, i) {
          // the change since the baseline day, beside the name ("+12", "-3", "new")
          var change = rows[i] && rows[i][2];
          return change ? name + "  (" + change + ")" : name;
        } } },
      series: [{ name: "machines", type: "bar", data: rows.map(function (r) { return r[1]; }) }]
    });
  }

  function filters() {
    document.querySelectorAll("input.filter").forEach(function (input) {
      var table = document.getElementById(input.dataset.table);
      input.addEventListener("input", function () {
        var q = input.value.toLowerCase();
        table.querySelectorAll("tbody tr").forEach(function (tr) {
          tr.hidden = q !== "" && tr.textContent.toLowerCase().indexOf(q) < 0;
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("active-chart");
    if (el) { activity(el); }
    el = document.getElementById("adoption-chart");
    if (el) { adoption(el); }
    el = document.getElementById("trend-chart");
    if (el) { trend(el); }
    document.querySelectorAll(".chart.bar").forEach(bars);
    filters();
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
    document.body.dataset.chartsReady = "true";
  });
})();
