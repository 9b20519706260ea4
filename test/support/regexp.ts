/** `s` as a regular expression source that matches exactly `s` (a path, say, inside a larger pattern). */
export const literal = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
