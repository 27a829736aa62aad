// The kinds of node the Identity Cloud view shows, once. Plain TypeScript: the argument parsing
// (unit-tested in Node) tells a tree node from an argument object with it, and clientsTree.ts checks
// at compile time that its node union has exactly these kinds.

export const TREE_NODE_KINDS = [
  'application',
  'client',
  'detail',
  'state',
  'settings',
  'setting',
  'loginClients',
  'loginClient',
  'loginDetail',
  'flows',
  'flow',
  'flowVersion',
] as const;

export type TreeNodeKind = (typeof TREE_NODE_KINDS)[number];
