/** The file of the feature baseline in a run's checkpoint archive and a version's artifact (a zip); the CNN's holds a layers model instead. */
export const FEATURE_TREES_FILE = 'feature-trees.json';
