"use client";

import * as Popover from "@radix-ui/react-popover";
import { Check, ChevronsUpDown } from "lucide-react";
import { useParams, useRouter } from "next/navigation";
import { useMemo, useState, type KeyboardEvent } from "react";
import { useOrganizations } from "@/lib/queries/organizations";
import { cn } from "@/lib/utils";

/** Jump to any organization by typing part of its name; arrows and Enter work as in a combobox. */
export function OrganizationSwitcher() {
  const { data: organizations = [] } = useOrganizations();
  const params = useParams<{ id?: string }>();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const [active, setActive] = useState(0);
  const current = organizations.find((o) => o.id === params.id);
  const matches = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return organizations.filter((o) => !needle || o.name.toLowerCase().includes(needle) || o.slug.includes(needle));
  }, [organizations, search]);

  function choose(id: string) {
    setOpen(false);
    setSearch("");
    router.push(`/organizations/${id}`);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setActive((i) => Math.min(i + 1, matches.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === "Enter" && matches[active]) {
      event.preventDefault();
      choose(matches[active].id);
    }
  }

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger
        className="flex w-full items-center justify-between rounded-md border border-neutral-300 bg-white px-3 py-2 text-left text-sm hover:bg-neutral-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-600"
        aria-label="Switch organization"
      >
        <span className="truncate">{current?.name ?? "Choose an organization"}</span>
        <ChevronsUpDown className="h-4 w-4 text-neutral-500" aria-hidden />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="start" sideOffset={4} className="z-50 w-72 rounded-md border border-neutral-200 bg-white p-2 shadow-lg">
          <input
            autoFocus
            role="combobox"
            aria-expanded
            aria-controls="organization-switcher-list"
            aria-activedescendant={matches[active] ? `switch-${matches[active].id}` : undefined}
            aria-label="Search organizations"
            placeholder="Search organizations…"
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
            className="mb-2 h-8 w-full rounded border border-neutral-300 px-2 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-600"
          />
          <ul id="organization-switcher-list" role="listbox" aria-label="Organizations" className="max-h-72 overflow-auto">
            {matches.length === 0 && <li className="px-2 py-1.5 text-sm text-neutral-500">No organization matches.</li>}
            {matches.map((organization, index) => (
              <li
                key={organization.id}
                id={`switch-${organization.id}`}
                role="option"
                aria-selected={index === active}
                onMouseEnter={() => setActive(index)}
                onClick={() => choose(organization.id)}
                className={cn(
                  "flex cursor-pointer items-center justify-between rounded px-2 py-1.5 text-sm",
                  index === active && "bg-neutral-100",
                )}
              >
                <span className="truncate">{organization.name}</span>
                {organization.id === current?.id && <Check className="h-4 w-4" aria-label="current" />}
              </li>
            ))}
          </ul>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
