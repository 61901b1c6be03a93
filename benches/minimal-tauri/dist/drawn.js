// The start-up figures time every app to the same event: two frames after its content is in the page (by then
// it has been drawn), marked under the name Matinee's Discover uses for its first results.
requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('matinee:first-results')));
