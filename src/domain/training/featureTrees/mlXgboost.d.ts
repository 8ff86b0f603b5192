/**
 * Types for ml-xgboost (mljs' WebAssembly build of XGBoost), which ships none: the module's value
 * is a promise of the booster class, settled once the WebAssembly module is instantiated.
 */
declare module 'ml-xgboost' {
  export interface XGBoostOptions {
    booster?: 'gbtree';
    objective?: 'binary:logistic';
    max_depth?: number;
    eta?: number;
    min_child_weight?: number;
    subsample?: number;
    colsample_bytree?: number;
    silent?: number;
    iterations?: number;
    seed?: number;
  }
  export interface XGBoostDocument {
    name: 'ml-xgboost';
    /** The booster's binary model, one signed byte per entry. */
    model: number[];
    options: Record<string, unknown>;
  }
  export interface XGBoostBooster {
    train(trainingSet: number[][], trainingValues: number[]): void;
    predict(toPredict: number[][]): number[];
    toJSON(): XGBoostDocument;
    /** Frees the booster's WebAssembly memory; the booster is unusable after. */
    free(): void;
  }
  export interface XGBoostClass {
    new (options: XGBoostOptions): XGBoostBooster;
    load(model: XGBoostDocument): XGBoostBooster;
  }
  const ready: Promise<XGBoostClass>;
  export default ready;
}
