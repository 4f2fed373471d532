/** Names the Plans task gives plan files and lineage (pure; tests beside). */

/** A file name for a plan: its title made safe for every OS, and its revision. */
export function planFileName(title: string, revision: number): string {
  const stem =
    title
      .replace(/[/\\:*?"<>|\u0000-\u001f]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 120) || 'plan';
  return `${stem} r${revision}.mmmplan`;
}

/** The first 8 characters of a plan id, as the list shows it. */
export function shortId(planId: string): string {
  return planId.slice(0, 8);
}

export interface LineageNode {
  readonly planId: string;
  readonly title: string;
  readonly revision: number;
  readonly parentIds: readonly string[];
}

/**
 * The ancestry of `planId` through the plans known here, nearest first: each parent's label
 * ("title r2") when it is in the list, else its short id; stops at a cycle or after 50 steps.
 */
export function lineageOf(planId: string, known: readonly LineageNode[]): string[] {
  const byId = new Map(known.map((node) => [node.planId, node]));
  const labels: string[] = [];
  const seen = new Set<string>([planId]);
  let current = byId.get(planId);
  while (current && current.parentIds.length > 0 && labels.length < 50) {
    const parentId = current.parentIds[0];
    if (seen.has(parentId)) break;
    seen.add(parentId);
    const parent = byId.get(parentId);
    labels.push(parent ? `${parent.title} r${parent.revision}` : shortId(parentId));
    current = parent;
  }
  return labels;
}
