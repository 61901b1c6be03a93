import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import BarChart from './BarChart.svelte';
import CalendarHeatmap from './CalendarHeatmap.svelte';

const months = ['2024-01', '2024-02', '2024-03'].map((label, i) => ({ label, values: [i * 2] }));

describe('BarChart', () => {
  it('draws one bar a row and series, with the labels under them', () => {
    render(BarChart, { title: 'Viewings per month', rows: months, testid: 'chart', tick: (m: string) => m.slice(5) });
    expect(screen.getAllByTestId('chart-bar')).toHaveLength(3);
    const texts = [...document.querySelectorAll('svg text')].map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(['01', '02', '03']));
    // The tallest bar reaches the top of the scale; an empty month has no height.
    const heights = screen.getAllByTestId('chart-bar').map((b) => Number(b.getAttribute('height')));
    expect(heights[0]).toBe(0);
    expect(heights[2]).toBeGreaterThan(heights[1]!);
    expect(screen.getByRole('img').getAttribute('aria-label')).toContain('6 in all');
  });

  it('draws two bars a row for two series, with a legend', () => {
    const rows = [{ label: '4/5', values: [3, 1] }, { label: '5/5', values: [2, 2] }];
    render(BarChart, { title: 'Ratings', rows, series: ['Then', 'Now'], testid: 'spread' });
    expect(screen.getAllByTestId('spread-bar')).toHaveLength(4);
    expect(document.querySelector('.legend')?.textContent).toContain('Now');
  });

  it('shows the same figures as a table, and the chart again', async () => {
    render(BarChart, { title: 'Viewings per month', rows: months, testid: 'chart' });
    await fireEvent.click(screen.getByTestId('chart-toggle'));
    const table = screen.getByTestId('chart-table');
    const cells = [...table.querySelectorAll('tbody tr')].map((tr) => tr.textContent);
    expect(cells).toEqual(['2024-010', '2024-022', '2024-034']);
    expect(screen.queryAllByTestId('chart-bar')).toHaveLength(0);
    expect(screen.getByTestId('chart-toggle').getAttribute('aria-pressed')).toBe('true');
    await fireEvent.click(screen.getByTestId('chart-toggle'));
    expect(screen.getAllByTestId('chart-bar')).toHaveLength(3);
  });
});

describe('CalendarHeatmap', () => {
  it('draws a square a day in weeks from the first day of the week, darker for more', async () => {
    const days = new Array(366).fill(0);
    days[0] = 1;
    days[59] = 4;
    render(CalendarHeatmap, { calendar: { year: 2024, first_column_offset: 0, days, most_in_a_day: 4 } });
    const squares = screen.getAllByTestId('stats-calendar-day');
    expect(squares).toHaveLength(366);
    expect(squares[59]!.getAttribute('class')).toContain('level-4');
    expect(squares[0]!.getAttribute('class')).toContain('level-1');
    expect(squares[1]!.getAttribute('class')).toContain('level-0');
    // 1 January 2024 is a Monday, the first row; 29 February is a Thursday, the fourth.
    expect(squares[59]!.querySelector('title')?.textContent).toBe('2024-02-29: 4 viewings');
    expect(Number(squares[59]!.getAttribute('y'))).toBe(Number(squares[3]!.getAttribute('y')));
    await fireEvent.click(screen.getByTestId('stats-calendar-toggle'));
    const rows = [...screen.getByTestId('stats-calendar-table').querySelectorAll('tbody tr')].map((r) => r.textContent);
    expect(rows[0]).toBe('Jan11');
    expect(rows[1]).toBe('Feb14');
    expect(rows).toHaveLength(12);
  });
});
