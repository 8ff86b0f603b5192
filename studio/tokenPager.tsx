import type { JSX } from 'preact';

/**
 * Previous and next page over continuation tokens. `tokens` is the stack of tokens that reached
 * the pages shown so far (the first page's is empty); next pushes the page's token, previous pops.
 */
export function TokenPager<Token extends string | null>(props: {
  label: string;
  tokens: Token[];
  nextToken: Token | null | undefined;
  setTokens: (change: (old: Token[]) => Token[]) => void;
  showPageNumber?: boolean;
}): JSX.Element {
  const { nextToken, setTokens } = props;
  return (
    <nav class="toolbar" aria-label={props.label}>
      <button
        type="button"
        disabled={props.tokens.length <= 1}
        onClick={() => {
          setTokens((old) => old.slice(0, -1));
        }}
      >
        Previous page
      </button>
      {props.showPageNumber === true && <span>Page {props.tokens.length}</span>}
      <button
        type="button"
        disabled={nextToken == null}
        onClick={() => {
          if (nextToken != null) setTokens((old) => [...old, nextToken]);
        }}
      >
        Next page
      </button>
    </nav>
  );
}
