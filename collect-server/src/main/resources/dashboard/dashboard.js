// Draws the dashboard's charts from the data the server put in data attributes, and filters
// tables as the user types. Loads nothing: every request stays on this origin.
(function () {
  "use strict";
  var charts = [];

  function line(el) {
    var points = JSON.parse(el.dataset.history);
    var chart = echarts.init(el);
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { data: ["active machines", "new machines"] },
      grid: { left: 56, right: 16, top: 36, bottom: 32 },
      xAxis: { type: "category", data: points.map(function (p) { return p.day; }) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: "active machines", type: "line", data: points.map(function (p) { return p.active; }) },
        { name: "new machines", type: "bar", data: points.map(function (p) { return p["new"]; }) }
      ]
    });
    charts.push(chart);
  }

  function bars(el) {
    var rows = JSON.parse(el.dataset.bars).reverse();
    if (rows.length === 0) {
      el.classList.add("empty");
      el.textContent = "Nothing reported by enough machines yet.";
      return;
    }
    var chart = echarts.init(el);
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 8, right: 24, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: rows.map(function (r) { return r[0]; }),
        axisLabel: { width: 150, overflow: "truncate" } },
      series: [{ name: "machines", type: "bar", data: rows.map(function (r) { return r[1]; }) }]
    });
    charts.push(chart);
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
    var active = document.getElementById("active-chart");
    if (active) { line(active); }
    document.querySelectorAll(".chart.bar").forEach(bars);
    filters();
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
    document.body.dataset.chartsReady = "true";
  });
})();
