import { describe, expect, it } from 'vitest';
import { lineageOf, planFileName } from './planNames';

describe('planFileName', () => {
  it('keeps the title, drops what a file system refuses, adds the revision', () => {
    expect(planFileName('Q3: TV/Search <final>', 2)).toBe('Q3 TV Search final r2.mmmplan');
    expect(planFileName('  ', 1)).toBe('plan r1.mmmplan');
  });
});

describe('lineageOf', () => {
  const nodes = [
    { planId: 'aaaaaaaa-1', title: 'Q3', revision: 1, parentIds: [] },
    { planId: 'bbbbbbbb-2', title: 'Q3', revision: 2, parentIds: ['aaaaaaaa-1'] },
    { planId: 'cccccccc-3', title: 'Q3 final', revision: 3, parentIds: ['bbbbbbbb-2'] },
    { planId: 'dddddddd-4', title: 'other', revision: 5, parentIds: ['eeeeeeee-x'] },
  ];

  it('walks the parents it knows, nearest first, and names unknown ones by short id', () => {
    expect(lineageOf('cccccccc-3', nodes)).toEqual(['Q3 r2', 'Q3 r1']);
    expect(lineageOf('dddddddd-4', nodes)).toEqual(['eeeeeeee']);
    expect(lineageOf('aaaaaaaa-1', nodes)).toEqual([]);
  });

  it('stops at a cycle', () => {
    const cycle = [
      { planId: 'x', title: 'x', revision: 2, parentIds: ['y'] },
      { planId: 'y', title: 'y', revision: 1, parentIds: ['x'] },
    ];
    expect(lineageOf('x', cycle)).toEqual(['y r1']);
  });
});
