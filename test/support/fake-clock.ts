import type { Clock } from '../../server/core/ports.ts';

/** A clock that moves only when a test moves it. */
export class FakeClock implements Clock {
  constructor(private current: Date) {}

  now(): Date {
    return new Date(this.current);
  }

  /** Moves time forward by minutes. */
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }

  set(instant: Date): void {
    this.current = new Date(instant);
  }
}
