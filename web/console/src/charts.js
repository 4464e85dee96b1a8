// ECharts, only the parts the figures page draws (bars and lines with axes, legend and tooltip),
// so the bundle carries no more of the library than it uses.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, TitleComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { h } from './dom.js';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, TitleComponent, CanvasRenderer]);

// A chart in a labelled box; `series` is [{name, type, data}] against the category `labels`.
// The box is an image for assistive technology, its label the chart's title.
export function chart(title, labels, series) {
  const box = h('div', { class: 'chart', role: 'img', 'aria-label': title });
  requestAnimationFrame(() => {
    const instance = echarts.init(box);
    instance.setOption({
      title: { text: title, textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, right: 8 },
      grid: { top: 48, left: 40, right: 16, bottom: 32 },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', minInterval: 1 },
      series,
    });
    new ResizeObserver(() => instance.resize()).observe(box);
  });
  return box;
}
