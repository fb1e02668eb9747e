/** Per-key debouncing: the action for a key runs once no new request for that key came in for `delayMs`. */
import type * as vscode from 'vscode';

export class KeyedDebounce implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly delayMs: number) {}

  /** Run `action` after the delay, replacing any action still waiting for `key`. */
  run(key: string, action: () => void): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        action();
      }, this.delayMs),
    );
  }

  /** Drop every waiting action. */
  dispose(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
  }
}
