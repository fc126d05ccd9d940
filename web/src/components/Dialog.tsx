// A modal built on the native <dialog>: focus moves in and is kept there, Esc closes it, and its
// accessible name is its title.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

export function Dialog({ title, onClose, children, wide }: {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current!;
    if (!dialog.open) dialog.showModal();
    const onCancel = (event: Event) => {
      event.preventDefault();
      onClose();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => dialog.removeEventListener('cancel', onCancel);
  }, [onClose]);
  return (
    <dialog ref={ref} aria-labelledby={titleId} class={wide ? 'dialog wide' : 'dialog'}>
      <header class="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" class="close" onClick={onClose}>Close</button>
      </header>
      {children}
    </dialog>
  );
}

/** A dialog whose only field is a textbox `Name` and whose button is `Create`. */
export function NameDialog({ title, onClose, onCreate }: {
  title: string;
  onClose: () => void;
  onCreate: (name: string) => Promise<void>;
}) {
  const nameId = useId();
  const busy = useRef(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy.current) return;
    const form = event.currentTarget as HTMLFormElement;
    const name = (form.elements.namedItem('name') as HTMLInputElement).value.trim();
    busy.current = true;
    try {
      await onCreate(name);
    } finally {
      busy.current = false;
    }
  };
  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit} class="stack">
        <label for={nameId}>Name</label>
        <input id={nameId} name="name" required autoFocus autocomplete="off" />
        <div class="actions"><button type="submit">Create</button></div>
      </form>
    </Dialog>
  );
}
