/** What the dataset row of an unlabelled E4 window set says about its labelling. */
export interface LabellingNote {
  state: 'labelled' | 'unlabelled';
  missing: string[];
  problems: string[];
  /** The labelled window set made from this export, when there is one. */
  labelledVersion: string | null;
  sequence: number;
}
