// "Your names": the form on the Overview page stores your resource names (localStorage, so it works from file://
// too) and every code block and inline code on every page shows them instead of the example names. The copy
// buttons copy what is shown, so they copy your commands. Plain script, no dependency, nothing loaded from elsewhere.
;(() => {
  const KEY = 'uami-docs-names'
  const FIELDS = [
    ['resourceGroup', 'Resource group', 'rg-uami'],
    ['identity', 'Identity', 'id-uami'],
    ['webApp', 'App Service app', 'app-uami-7f3a9c'],
    ['containerApp', 'Container app', 'ca-uami'],
    ['vm', 'Virtual machine', 'vm-uami'],
    ['store', 'App Configuration store', 'appcs-uami-7f3a9c'],
    ['location', 'Location', 'swedencentral'],
  ]
  const VALID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/

  function load() {
    try {
      const saved = JSON.parse(localStorage.getItem(KEY) || '{}')
      return saved && typeof saved === 'object' ? saved : {}
    } catch {
      return {}
    }
  }

  function save(names) {
    try {
      localStorage.setItem(KEY, JSON.stringify(names))
    } catch {
      // storage refused (private mode): the names apply to this page only
    }
  }

  function replacements(names) {
    return FIELDS.map(([key, , example]) => [example, names[key]])
      .filter(([example, value]) => typeof value === 'string' && VALID.test(value) && value !== example)
      .sort((a, b) => b[0].length - a[0].length)
  }

  function rewrite(text, pairs) {
    let out = text
    for (const [example, value] of pairs) {
      const escaped = example.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      out = out.replace(new RegExp(`(?<![A-Za-z0-9_-])${escaped}(?![A-Za-z0-9_-])`, 'g'), value)
    }
    return out
  }

  function apply(names) {
    const pairs = replacements(names)
    for (const code of document.querySelectorAll('.col-content code')) {
      if (code.closest('.uami-names-intro') !== null) continue
      if (code.dataset.uamiOriginal === undefined) {
        if (!FIELDS.some(([, , example]) => code.textContent.includes(example))) continue
        code.dataset.uamiOriginal = code.innerHTML
        code.dataset.uamiOriginalText = code.textContent
      }
      code.innerHTML = code.dataset.uamiOriginal
      if (pairs.length === 0) continue
      const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        node.nodeValue = rewrite(node.nodeValue, pairs)
      }
      // A name split across highlighting spans: fall back to plain text, so that what is copied is right.
      const wanted = rewrite(code.dataset.uamiOriginalText, pairs)
      if (code.textContent !== wanted) code.textContent = wanted
    }
  }

  function form(names) {
    const heading = document.getElementById('your-names')
    if (heading === null) return
    const box = document.createElement('form')
    box.id = 'uami-names'
    box.className = 'uami-names'
    box.addEventListener('submit', (event) => event.preventDefault())
    for (const [key, label, example] of FIELDS) {
      const row = document.createElement('label')
      row.textContent = label
      const input = document.createElement('input')
      input.name = key
      input.id = `uami-name-${key}`
      input.placeholder = example
      input.value = typeof names[key] === 'string' ? names[key] : ''
      input.spellcheck = false
      input.autocomplete = 'off'
      input.addEventListener('input', () => {
        const value = input.value.trim()
        input.setCustomValidity(
          value === '' || VALID.test(value) ? '' : 'Letters, digits, ".", "_" and "-" only',
        )
        const next = load()
        if (value === '' || !VALID.test(value)) delete next[key]
        else next[key] = value
        save(next)
        apply(next)
      })
      row.appendChild(input)
      box.appendChild(row)
    }
    const reset = document.createElement('button')
    reset.type = 'button'
    reset.id = 'uami-names-reset'
    reset.textContent = 'Reset to the example names'
    reset.addEventListener('click', () => {
      save({})
      for (const input of box.querySelectorAll('input')) input.value = ''
      apply({})
    })
    box.appendChild(reset)
    let anchor = heading.nextElementSibling
    while (anchor !== null && anchor.tagName === 'P') {
      // The introduction names the examples: it keeps them.
      anchor.classList.add('uami-names-intro')
      anchor = anchor.nextElementSibling
    }
    heading.parentElement.insertBefore(box, anchor)
  }

  function start() {
    const names = load()
    form(names)
    apply(names)
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start)
  else start()
})()
