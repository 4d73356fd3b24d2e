"use client";

import { DropdownMenu as M } from "radix-ui";
import type { ComponentProps } from "react";
import { cn } from "./cn";

export const DropdownMenu = M.Root;
export const DropdownMenuTrigger = M.Trigger;

export function DropdownMenuContent({ className, align = "end", sideOffset = 4, ...props }: ComponentProps<typeof M.Content>) {
  return (
    <M.Portal>
      <M.Content
        align={align}
        sideOffset={sideOffset}
        className={cn("z-50 min-w-44 rounded-lg border border-border bg-surface p-1 text-sm text-fg shadow-lg", className)}
        {...props}
      />
    </M.Portal>
  );
}

export function DropdownMenuItem({ className, tone, ...props }: ComponentProps<typeof M.Item> & { tone?: "danger" }) {
  return (
    <M.Item
      className={cn(
        "flex cursor-default items-center gap-2 rounded-md px-2.5 py-1.5 outline-none select-none data-[disabled]:opacity-50 data-[highlighted]:bg-surface-2 [&_svg]:size-4",
        tone === "danger" && "text-danger",
        className,
      )}
      {...props}
    />
  );
}

export function DropdownMenuSeparator({ className, ...props }: ComponentProps<typeof M.Separator>) {
  return <M.Separator className={cn("my-1 h-px bg-border", className)} {...props} />;
}

export function DropdownMenuLabel({ className, ...props }: ComponentProps<typeof M.Label>) {
  return <M.Label className={cn("px-2.5 py-1.5 text-xs font-medium text-muted", className)} {...props} />;
}

export const DropdownMenuCheckboxItem = ({ className, children, ...props }: ComponentProps<typeof M.CheckboxItem>) => (
  <M.CheckboxItem
    className={cn("relative flex cursor-default items-center rounded-md py-1.5 pr-2.5 pl-7 outline-none select-none data-[highlighted]:bg-surface-2", className)}
    {...props}
  >
    <M.ItemIndicator className="absolute left-2 text-primary">✓</M.ItemIndicator>
    {children}
  </M.CheckboxItem>
);
