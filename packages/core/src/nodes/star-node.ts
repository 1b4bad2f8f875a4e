/** `*`, as in `count(*)`. */
export interface StarNode {
  readonly kind: 'StarNode'
}

export const starNode: StarNode = Object.freeze({ kind: 'StarNode' })
