// The popup's icons: inline SVG on a 16-unit grid, drawn in the text colour. Decorative only —
// hidden from assistive tech, so the button or text beside an icon carries its name. Each icon is
// one path, described once here; import them by name so unused ones stay out of the bundle.
import type { JSX } from 'preact';

export interface IconProps {
  /** Width and height in CSS pixels. */
  size?: number;
  class?: string;
}

function icon(d: string): (props: IconProps) => JSX.Element {
  return ({ size = 16, class: extra }: IconProps) => (
    <svg
      class={extra ? `icon ${extra}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      stroke-width="1.5"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={d} />
    </svg>
  );
}

// A ring of radius r around (cx, cy), as two arcs, so every icon stays a single path.
const ring = (cx: number, cy: number, r: number) =>
  `M${cx + r} ${cy}a${r} ${r} 0 1 1-${2 * r} 0 ${r} ${r} 0 1 1 ${2 * r} 0`;

export const Lock = icon('M3 7.5h10V14H3zM5 7.5V5a3 3 0 0 1 6 0v2.5');
export const Unlock = icon('M3 7.5h10V14H3zM5 7.5V5a3 3 0 0 1 5.8-1.1');
export const Refresh = icon('M13 8a5 5 0 1 1-1.5-3.5M11.5 1.5v3h-3');
export const Play = icon('M5 3v10l7.5-5z');
export const ChevronLeft = icon('M10 3 5 8l5 5');
export const ChevronRight = icon('M6 3l5 5-5 5');
export const Plus = icon('M8 3v10M3 8h10');
export const Trash = icon('M2.5 4.5h11M6 4.5V2.5h4v2M4 4.5l.7 9h6.6l.7-9M6.75 7v4M9.25 7v4');
export const Edit = icon('M10.5 2.5l3 3L6 13H3v-3zM9 4l3 3');
export const Copy = icon('M5.5 5.5h8v8h-8zM3.5 10.5h-1v-8h8v1');
export const Eye = icon(`M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8z${ring(8, 8, 2)}`);
export const EyeOff = icon(
  `M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8z${ring(8, 8, 2)}M2.5 2.5l11 11`,
);
export const Gear = icon(
  `${ring(8, 8, 4)}${ring(8, 8, 1.5)}M8 1.5V4M8 12v2.5M1.5 8H4M12 8h2.5M3.4 3.4l1.8 1.8M10.8 10.8l1.8 1.8M3.4 12.6l1.8-1.8M10.8 5.2l1.8-1.8`,
);
export const Key = icon(`${ring(5, 8, 2.5)}M7.5 8h6M11.5 8v2.5M13.5 8v2`);
export const Grid = icon('M2.5 2.5h4v4h-4zM9.5 2.5h4v4h-4zM2.5 9.5h4v4h-4zM9.5 9.5h4v4h-4z');
export const Link = icon('M6.5 9.5l3-3M7 4.5l1-1a2.8 2.8 0 0 1 4 4l-1 1M9 11.5l-1 1a2.8 2.8 0 0 1-4-4l1-1');
export const Check = icon('M3 8.5l3 3 7-7');
export const Alert = icon('M8 2l6.5 11.5h-13zM8 6.5v3M8 11.5h.01');
export const External = icon('M9 2.5h4.5V7M13.5 2.5l-6 6M11.5 9.5v4h-9v-9h4');
export const Pulse = icon('M1.5 8.5h3l2-5 3 9 2-4h3');
export const Home = icon('M2 7.5l6-5 6 5M3.5 6.5v7h3.5v-4h2v4h3.5v-7');
