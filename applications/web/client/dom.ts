/** The element with this id; the page's HTML is fixed, so a missing one is a bug worth failing loudly on. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
}

/** Writes a status line (the `role="status"` elements announce it to screen readers). */
export function say(id: string, text: string, kind: 'ok' | 'error' | 'info' = 'info'): void {
  const element = byId(id);
  element.textContent = text;
  element.className = kind === 'info' ? '' : kind;
}

/** Runs a form's action with its button disabled, so a double click does not send twice. */
export function onSubmit(form: HTMLFormElement, action: (data: FormData) => Promise<void>): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const button = form.querySelector('button');
    if (button) button.disabled = true;
    void action(new FormData(form))
      // A network failure (gateway down) leaves the status line as it was; the console says why.
      .catch((error: unknown) => console.error(error))
      .finally(() => {
        if (button) button.disabled = false;
      });
  });
}

export function text(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value.trim() : '';
}
