import { describe, expect, it } from 'vitest';
import { mergeText } from '../../src/engine/merge.js';

// A feature's wiring often lands right next to a line its owners edited; plain
// diff3 calls that a conflict, rampart keeps both changes.
describe('mergeText with changes on adjacent lines', () => {
  const edited = 'a\nLIMIT=250\nz';
  it('keeps the owners’ edit when the new render inserts lines beside it', () => {
    expect(mergeText('a\nLIMIT=100\nz', edited, 'a\nCORS=1\nLIMIT=100\nz')).toEqual({ clean: true, text: 'a\nCORS=1\nLIMIT=250\nz' });
  });
  it('keeps the owners’ edit when the new render removes lines beside it', () => {
    expect(mergeText('a\nCORS=1\nLIMIT=100\nz', 'a\nCORS=1\nLIMIT=250\nz', 'a\nLIMIT=100\nz')).toEqual({ clean: true, text: edited });
  });
  it('keeps rampart’s change when the owners inserted lines beside it', () => {
    expect(mergeText('a\nLIMIT=100\nz', 'a\n// ours\nLIMIT=100\nz', 'a\nLIMIT=120\nz')).toEqual({ clean: true, text: 'a\n// ours\nLIMIT=120\nz' });
  });
  it('is still a conflict when both change the same line', () => {
    expect(mergeText('a\nLIMIT=100\nz', edited, 'a\nLIMIT=120\nz')).toEqual({ clean: false });
  });
  it('is still a conflict when the owners deleted a line the render removes lines around', () => {
    expect(mergeText('a\nCORS=1\nLIMIT=100\nz', 'a\nLIMIT=100\nz', 'a\nLIMIT=100\nz').clean).toBe(true);
    expect(mergeText('a\nX\nCORS=1\nLIMIT=100\nz', 'a\nLIMIT=250\nz', 'a\nX\nLIMIT=100\nz')).toEqual({ clean: false });
  });
});
