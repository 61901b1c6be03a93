// The UI's entry point: mounts the app shell.
import { mount } from 'svelte';
import App from './App.svelte';
import './styles.css';

// For the start-up figures of `make bench`: the script's start and the start of each of the first frames, so that
// a slow frame shows as the gap between two marks.
performance.mark('matinee:script');
{
  let n = 0;
  const frame = () => {
    performance.mark(`matinee:frame-${++n}`);
    if (n < 6) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}
const target = document.getElementById('app');
if (!target) throw new Error('the page has no #app element');
mount(App, { target });
performance.mark('matinee:mounted');
