import { Text as InkText, type TextProps as InkTextProps } from 'ink';
import { Children, Fragment, cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { safeText, showControls } from '../../present/terminal-text.js';

export interface TextProps extends Omit<InkTextProps, 'children'> {
  children?: ReactNode;
  /**
   * What happens to control characters: `strip` removes escape sequences, controls and bidi
   * overrides (text from AWS, files, errors); `show` draws them as visible symbols (what the user
   * typed or pasted, so they see what they will send).
   */
  controls?: 'strip' | 'show';
}

type Clean = (text: string) => string;

/**
 * The one door from qchat's text to Ink: every string drawn goes through the sanitizer here, so
 * no path can forget it. Components import this Text, never Ink's (test/ui-safe-text.test.ts
 * fails when one does); a nested Text is this one too and cleans its own strings.
 */
export function Text({ children, controls = 'strip', ...props }: TextProps) {
  const clean: Clean = controls === 'show' ? showControls : (text) => safeText(text, { keepNewlines: true });
  return <InkText {...props}>{cleanChildren(children, clean)}</InkText>;
}

/** Strings cleaned, numbers kept, fragments looked into; elements are Texts that clean themselves. */
function cleanChildren(children: ReactNode, clean: Clean): ReactNode {
  return Children.map(children, (child) => {
    if (typeof child === 'string') return clean(child);
    if (isValidElement(child) && child.type === Fragment) {
      const fragment = child as ReactElement<{ children?: ReactNode }>;
      return cloneElement(fragment, {}, cleanChildren(fragment.props.children, clean));
    }
    return child;
  });
}

/**
 * Reverse video written as its own bytes (SGR 7 … 27), for the drawn cursor when colour is off:
 * chalk then draws no style at all, and reverse video is not a colour. Its text shows controls.
 */
export function ReverseVideo({ text }: { text: string }) {
  return <InkText>{`\u001b[7m${showControls(text)}\u001b[27m`}</InkText>;
}
