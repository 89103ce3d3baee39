/**
 * The header search box, attached on first use: results as the reader types, the arrow keys to
 * move through them, Escape to close. Without this script the box submits to /search/.
 *
 * Escape, from the box or from a result, closes the panel at once and puts the focus back in the
 * box, where it stays closed until the reader types or presses the down arrow again.
 */
import { loadPagefind, missingIndexMessage } from './pagefind.ts';
import { renderResult } from './search-results.ts';

const shown = 6;

export function attach(form: HTMLFormElement): void {
  const input = form.querySelector<HTMLInputElement>('input[name="q"]');
  const panel = form.querySelector<HTMLElement>('.search-panel');
  const status = form.querySelector<HTMLElement>('.search-status');
  const list = form.querySelector<HTMLOListElement>('.search-results');
  const more = form.querySelector<HTMLAnchorElement>('.search-more');
  if (!input || !panel || !status || !list || !more) return;
  let generation = 0;
  let timer = 0;
  /** Escape closed the panel: focusing the box does not open it again. */
  let dismissed = false;

  const open = () => {
    dismissed = false;
    panel.hidden = false;
  };
  const close = () => {
    panel.hidden = true;
  };

  const run = async () => {
    const term = input.value.trim();
    const current = ++generation;
    more.href = `${form.action}${term ? `?q=${encodeURIComponent(term)}` : ''}`;
    if (!term) {
      list.replaceChildren();
      close();
      return;
    }
    open();
    try {
      const pagefind = await loadPagefind();
      const search = await pagefind.search(term);
      if (current !== generation || !search) return;
      const data = await Promise.all(search.results.slice(0, shown).map((result) => result.data()));
      if (current !== generation) return;
      list.replaceChildren(...data.map((each) => renderResult(each, { full: false })));
      const count = search.results.length;
      status.textContent =
        count === 0
          ? `No results for “${term}”.`
          : `${count} result${count === 1 ? '' : 's'} for “${term}”${count > shown ? `, the first ${shown} shown` : ''}.`;
    } catch {
      if (current !== generation) return;
      list.replaceChildren();
      status.textContent = missingIndexMessage;
    }
  };

  input.addEventListener('input', () => {
    dismissed = false;
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 120);
  });
  input.addEventListener('focus', () => {
    if (!dismissed && input.value.trim() && list.children.length > 0) open();
  });

  const links = () => [...list.querySelectorAll<HTMLAnchorElement>('a'), more];
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.hidden) {
      event.preventDefault();
      // Pending results of the last keystroke must not reopen the panel either.
      window.clearTimeout(timer);
      generation++;
      close();
      dismissed = true;
      input.focus();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    if (panel.hidden && event.key === 'ArrowDown' && event.target === input && list.children.length > 0) {
      event.preventDefault();
      open();
      return;
    }
    const items = links();
    const at = items.indexOf(document.activeElement as HTMLAnchorElement);
    if (panel.hidden || items.length === 0) return;
    event.preventDefault();
    if (event.key === 'ArrowDown') items[Math.min(at + 1, items.length - 1)]?.focus();
    else if (at <= 0) input.focus();
    else items[at - 1]?.focus();
  });
  document.addEventListener('pointerdown', (event) => {
    if (!(event.target instanceof Node) || !form.contains(event.target)) close();
  });
  form.addEventListener('focusout', (event) => {
    if (!(event.relatedTarget instanceof Node) || !form.contains(event.relatedTarget)) close();
  });

  if (input.value.trim()) void run();
}
