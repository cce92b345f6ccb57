import type { HostKind } from '@uami/provision'
import { EXAMPLE } from './az-commands.ts'
import { GENERATED_NOTICE } from './markdown.ts'

/** What each host's sample names the identity by, and the host's own words. */
const HOSTS: Record<HostKind, { title: string; attach: string; selector: string; variable: string }> = {
  'app-service': {
    title: 'App Service',
    attach: 'az webapp identity assign',
    selector: 'by client ID',
    variable: 'AZURE_CLIENT_ID',
  },
  'container-apps': {
    title: 'Container Apps',
    attach: 'az containerapp identity assign',
    selector: 'by resource ID',
    variable: 'AZURE_MANAGED_IDENTITY_RESOURCE_ID',
  },
  vm: {
    title: 'Virtual machine',
    attach: 'az vm identity assign',
    selector: 'by object ID',
    variable: 'AZURE_MANAGED_IDENTITY_OBJECT_ID',
  },
}

/** The four labels every chain diagram shows, in order (the tests look for them). */
export const NODE_LABELS = [
  'User-assigned identity',
  'Host',
  'Identity endpoint',
  'App Configuration',
] as const

function xmlText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}

interface Node {
  readonly label: string
  readonly detail: string
}

interface Edge {
  readonly label: string
  readonly detail: string
}

/**
 * One chain as an SVG in a single line of HTML (Markdown keeps a one-line HTML block as it is): four boxes left to
 * right, the arrows between them numbered and labelled, and the settings coming back to the host. Colours come from
 * the site's CSS (`.uami-diagram`), so that the picture follows the light and dark themes.
 */
function chainSvg(title: string, nodes: readonly Node[], edges: readonly Edge[], back: string): string {
  const width = 760
  const box = { w: 160, h: 76, y: 12 }
  const gap = (width - 20 - nodes.length * box.w) / (nodes.length - 1)
  const x = (i: number) => 10 + i * (box.w + gap)
  const parts: string[] = []
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="uami-diagram" role="img" viewBox="0 0 ${width} 150" aria-label="${xmlText(title)}">`,
    `<title>${xmlText(title)}</title>`,
    '<defs><marker id="uami-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="uami-arrowhead"/></marker></defs>',
  )
  nodes.forEach((node, i) => {
    parts.push(
      `<g class="uami-node"><rect x="${x(i)}" y="${box.y}" width="${box.w}" height="${box.h}" rx="10"/>`,
      `<text x="${x(i) + box.w / 2}" y="${box.y + 32}" class="uami-label">${xmlText(node.label)}</text>`,
      `<text x="${x(i) + box.w / 2}" y="${box.y + 54}" class="uami-detail">${xmlText(node.detail)}</text></g>`,
    )
  })
  edges.forEach((_edge, i) => {
    const from = x(i) + box.w
    const to = x(i + 1)
    const mid = (from + to) / 2
    parts.push(
      `<g class="uami-edge"><line x1="${from + 4}" y1="${box.y + box.h / 2}" x2="${to - 4}" y2="${box.y + box.h / 2}" marker-end="url(#uami-arrow)"/>`,
      `<text x="${mid}" y="${box.y + box.h / 2 - 10}" class="uami-edge-label">${i + 1}</text>`,
      '</g>',
    )
  })
  const bottom = box.y + box.h
  const last = x(nodes.length - 1) + box.w / 2
  const host = x(1) + box.w / 2
  parts.push(
    `<g class="uami-edge"><path d="M${last} ${bottom + 4}V${bottom + 44}H${host}V${bottom + 8}" fill="none" marker-end="url(#uami-arrow)"/>`,
    `<text x="${(last + host) / 2}" y="${bottom + 38}" class="uami-edge-label">${nodes.length} · ${xmlText(back)}</text></g>`,
    '</svg>',
  )
  return parts.join('')
}

/** The chain for one host: its attach command, the identifier its sample passes, and the store it reads. */
export function hostDiagram(kind: HostKind): string {
  const host = HOSTS[kind]
  return chainSvg(
    `The chain on ${host.title}: the identity, attached to the host, gets a token ${host.selector} from the host's identity endpoint; App Configuration checks the App Configuration Data Reader role and returns the settings.`,
    [
      { label: NODE_LABELS[0], detail: EXAMPLE.identity },
      { label: `${NODE_LABELS[1]}: ${host.title}`, detail: EXAMPLE.hosts[kind] },
      { label: NODE_LABELS[2], detail: 'on the host' },
      { label: NODE_LABELS[3], detail: EXAMPLE.store },
    ],
    [
      { label: 'attached to', detail: host.attach.replace('az ', '') },
      { label: `token ${host.selector}`, detail: host.variable },
      { label: 'bearer token', detail: 'Data Reader role?' },
    ],
    'settings',
  )
}

/** The fragment a guide includes for one host. */
export function diagramFragment(kind: HostKind): string {
  const host = HOSTS[kind]
  const steps = [
    `**attached to** the host: \`${host.attach}\``,
    `the app asks the host's identity endpoint for a token **${host.selector}** (\`${host.variable}\`)`,
    'it sends the token to App Configuration, which checks the **App Configuration Data Reader** role on the store',
    'App Configuration returns the **settings**',
  ]
  const legend = steps.map((step, i) => `${i + 1}. ${step}`).join('\n')
  return `${GENERATED_NOTICE}\n\n<figure class="uami-figure">${hostDiagram(kind)}</figure>\n\n${legend}\n`
}
