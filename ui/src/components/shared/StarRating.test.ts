import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import StarRating from './StarRating.svelte';

describe('StarRating', () => {
  it('gives 70 for a click on the left half of the fourth star', async () => {
    const onchange = vi.fn();
    render(StarRating, { value: null, onchange });
    await fireEvent.click(screen.getByLabelText('3.5 stars'));
    expect(onchange).toHaveBeenCalledWith(70);
  });

  it('moves by half a star with the arrow keys and clears with Delete', async () => {
    const onchange = vi.fn();
    render(StarRating, { value: 70, onchange });
    const slider = screen.getByRole('slider');
    expect(slider.getAttribute('aria-valuetext')).toBe('3.5 stars');
    await fireEvent.keyDown(slider, { key: 'ArrowRight' });
    expect(onchange).toHaveBeenLastCalledWith(80);
    await fireEvent.keyDown(slider, { key: 'ArrowLeft' });
    expect(onchange).toHaveBeenLastCalledWith(60);
    await fireEvent.keyDown(slider, { key: 'End' });
    expect(onchange).toHaveBeenLastCalledWith(100);
    await fireEvent.keyDown(slider, { key: 'Delete' });
    expect(onchange).toHaveBeenLastCalledWith(null);
  });

  it('says when there is no rating and offers no Clear button then', () => {
    render(StarRating, { value: null, onchange: () => {} });
    expect(screen.getByTestId('rating-text').textContent).toBe('Not rated');
    expect(screen.queryByTestId('rating-clear')).toBeNull();
  });
});

describe('StarRating drawing', () => {
  it('fills three stars, half of the fourth and none of the fifth for 70', () => {
    const { container } = render(StarRating, { value: 70, onchange: () => {} });
    const fills = [...container.querySelectorAll('[data-testid=star-rating] > span')].map((s) =>
      [...s.classList].find((c) => c.startsWith('fill-')),
    );
    expect(fills).toEqual(['fill-full', 'fill-full', 'fill-full', 'fill-half', 'fill-empty']);
  });
});
