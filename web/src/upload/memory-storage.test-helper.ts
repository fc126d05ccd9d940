import type { KeyValueStorage } from './resume';

/** Web Storage's behaviour on a Map: what sessionStorage does across a reload of the tab. */
export class MemoryStorage implements KeyValueStorage {
  readonly map = new Map<string, string>();
  get length() { return this.map.size; }
  getItem(key: string) { return this.map.get(key) ?? null; }
  setItem(key: string, value: string) { this.map.set(key, value); }
  removeItem(key: string) { this.map.delete(key); }
  key(index: number) { return [...this.map.keys()][index] ?? null; }
}
