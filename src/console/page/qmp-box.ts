// The QMP box: commands typed (or sent by the plug and unplug buttons) go to the
// page's own QMP session on the VM, and the replies, errors and events come back
// here, newest last.
import { h } from './dom.ts';

/** Lines the box keeps. */
const KEEP = 500;

export class QmpBox {
  readonly root: HTMLElement;
  private readonly log: HTMLElement;
  private readonly input: HTMLTextAreaElement;

  constructor(private readonly sendText: (text: string) => boolean) {
    this.log = h('div', { class: 'qmp-log', 'aria-live': 'polite' });
    this.input = h('textarea', { rows: 2, spellcheck: false, 'aria-label': 'QMP command', placeholder: '{"execute": "query-hotpluggable-cpus"}' });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        this.submit();
      }
    });
    this.root = h('section', { class: 'panel qmp' }, h('div', { class: 'toolbar' }, h('b', {}, 'QMP'), h('span', { class: 'muted' }, 'Enter sends')), this.log,
      h('div', { class: 'qmp-input' }, this.input, h('button', { onclick: () => this.submit() }, 'send')));
  }

  private submit(): void {
    const text = this.input.value.trim();
    if (text === '') return;
    if (this.send(text)) this.input.value = '';
  }

  /** Sends a command (text as typed, or an object); false when not connected. */
  send(command: string | object): boolean {
    const text = typeof command === 'string' ? command : JSON.stringify(command);
    if (!this.sendText(text)) {
      this.line('note', 'not connected; try again when the page has reconnected');
      return false;
    }
    this.line('out', text);
    return true;
  }

  /** A message from the session: a reply (ok or error), an event or the greeting. */
  received(message: unknown): void {
    const m = message as Record<string, unknown>;
    const kind = 'error' in m ? 'error' : 'event' in m ? 'event' : 'in';
    this.line(kind, JSON.stringify(message));
  }

  line(kind: string, text: string): void {
    this.log.append(h('div', { class: `qmp-line ${kind}` }, text));
    while (this.log.childElementCount > KEEP) this.log.firstElementChild!.remove();
    this.log.scrollTop = this.log.scrollHeight;
  }
}
