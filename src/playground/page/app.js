// The playground page: a small Discord-like client for the local emulator. No framework: it
// renders what the emulator holds and sends what a member would do.
const $ = (id) => document.getElementById(id);
const state = { session: null, channelId: null, memberId: null, suggestions: [], selected: 0 };

async function api(path, body) {
  const response = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error || `request failed (${response.status})`);
  return data;
}

// ---- text formatting: the subset of Discord markdown the bot uses ----
function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
function memberName(id) {
  const member = state.session?.members.find((m) => m.id === id);
  if (member) return member.name;
  return id === state.session?.botId ? state.session.botName : 'someone';
}
/** "08:00", or with the date when it is not the bot clock's day (the clock can be moved ahead). */
function formatWhen(iso) {
  const when = new Date(iso);
  const today = new Date(state.session?.now ?? Date.now());
  const time = when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return when.toDateString() === today.toDateString() ? time : `${when.toLocaleDateString([], { weekday: 'short', day: 'numeric', month: 'short' })} ${time}`;
}

function relative(seconds) {
  const diff = seconds * 1000 - Date.parse(state.session?.now ?? new Date().toISOString());
  const abs = Math.abs(diff);
  // Seconds under a minute, as Discord shows a study session's countdown.
  const [value, unit] =
    abs < 6e4
      ? [Math.round(abs / 1e3), 'second']
      : abs < 3.6e6
        ? [Math.round(abs / 6e4), 'minute']
        : abs < 8.64e7
          ? [Math.round(abs / 3.6e6), 'hour']
          : [Math.round(abs / 8.64e7), 'day'];
  const text = `${value} ${unit}${value === 1 ? '' : 's'}`;
  return diff >= 0 ? `in ${text}` : `${text} ago`;
}
function format(text) {
  let html = escapeHtml(text ?? '');
  html = html.replace(/`([^`]+)`/g, '<code>$1</code>');
  // Masked links, as Discord shows them: the title, linking to the page.
  html = html.replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, '<a href="$2" target="_blank" rel="noopener">$1</a>');
  html = html.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  html = html.replace(/\*([^*\n]+)\*/g, '<em>$1</em>');
  html = html.replace(/&lt;@!?(\d+)&gt;/g, (_, id) => `<span class="mention">@${escapeHtml(memberName(id))}</span>`);
  html = html.replace(
    /&lt;#(\d+)&gt;/g,
    (_, id) => `<span class="mention">#${escapeHtml(state.session?.channels.find((c) => c.id === id)?.name ?? 'channel')}</span>`,
  );
  html = html.replace(
    /&lt;t:(\d+)(?::([a-zA-Z]))?&gt;/g,
    (_, s, style) => `<span class="mention">${style === 'R' ? relative(Number(s)) : new Date(Number(s) * 1000).toUTCString()}</span>`,
  );
  return html;
}

// ---- messages ----
function renderEmbed(embed) {
  const el = document.createElement('div');
  el.className = 'embed';
  if (embed.color !== undefined) el.style.borderLeftColor = `#${embed.color.toString(16).padStart(6, '0')}`;
  let html = '';
  if (embed.title) html += `<div class="embed-title">${format(embed.title)}</div>`;
  if (embed.description) html += `<div class="embed-description">${format(embed.description)}</div>`;
  if (embed.fields?.length) {
    html += `<div class="fields">${embed.fields.map((f) => `<div class="field${f.inline ? ' inline' : ''}"><div class="field-name">${format(f.name)}</div><div class="field-value">${format(f.value)}</div></div>`).join('')}</div>`;
  }
  if (embed.footer?.text) html += `<div class="embed-footer">${format(embed.footer.text)}</div>`;
  el.innerHTML = html;
  // A chart or other image: the emulator serves the uploaded file at the attachment's URL.
  const src = embed.image?.url;
  if (src && /^https?:\/\//.test(src)) {
    const img = document.createElement('img');
    img.className = 'embed-image';
    img.src = src;
    img.alt = 'image attached by the bot';
    el.insertBefore(img, el.querySelector('.embed-footer'));
  }
  return el;
}

function renderComponents(message) {
  const rows = [];
  for (const row of message.components ?? []) {
    const el = document.createElement('div');
    el.className = 'row';
    for (const component of row.components ?? []) {
      if (component.type === 2) {
        const button = document.createElement('button');
        button.className = `btn s${component.style}`;
        button.textContent = `${component.emoji?.name ? `${component.emoji.name} ` : ''}${component.label ?? ''}`;
        button.disabled = Boolean(component.disabled);
        button.dataset.customId = component.custom_id;
        button.addEventListener('click', () => act('/api/click', { messageId: message.id, customId: component.custom_id }));
        el.append(button);
      } else if (component.type === 3) {
        const select = document.createElement('select');
        select.dataset.customId = component.custom_id;
        const placeholder = new Option(component.placeholder ?? 'Choose…', '', true, !component.options.some((o) => o.default));
        placeholder.disabled = true;
        select.append(placeholder);
        for (const option of component.options)
          select.append(new Option(`${option.emoji?.name ? `${option.emoji.name} ` : ''}${option.label}`, option.value, false, Boolean(option.default)));
        select.addEventListener('change', () => act('/api/select', { messageId: message.id, customId: component.custom_id, values: [select.value] }));
        el.append(select);
      }
    }
    rows.push(el);
  }
  return rows;
}

function renderMessage(message) {
  const el = document.createElement('article');
  el.className = 'message';
  el.dataset.messageId = message.id;
  if (message.ephemeral) el.classList.add('ephemeral');
  const name = message.author.bot ? state.session.botName : memberName(message.author.id);
  el.innerHTML = `<div class="avatar">${escapeHtml(name[0] ?? '?')}</div><div class="body"></div>`;
  const body = el.querySelector('.body');
  if (message.usedBy && message.commandName)
    body.insertAdjacentHTML(
      'beforeend',
      `<div class="used">${escapeHtml(memberName(message.usedBy))} used <strong>/${escapeHtml(message.commandName ?? '')}</strong></div>`,
    );
  body.insertAdjacentHTML(
    'beforeend',
    `<div class="meta"><span class="author">${escapeHtml(name)}</span>${message.author.bot ? '<span class="bot-tag">BOT</span>' : ''}<span class="time">${formatWhen(message.timestamp)}</span></div>`,
  );
  if (message.thinking) body.insertAdjacentHTML('beforeend', `<div class="thinking">${escapeHtml(name)} is thinking…</div>`);
  if (message.content) body.insertAdjacentHTML('beforeend', `<div class="content">${format(message.content)}</div>`);
  for (const embed of message.embeds ?? []) body.append(renderEmbed(embed));
  body.append(...renderComponents(message));
  if (message.ephemeral) body.insertAdjacentHTML('beforeend', '<div class="ephemeral-note">👁️ Only you can see this</div>');
  return el;
}

async function refreshMessages() {
  if (!state.channelId) return;
  const { messages, now } = await api(`/api/messages?channel=${state.channelId}&as=${state.memberId}`);
  state.session.now = now;
  $('clock').textContent = `Bot clock: ${new Date(now).toUTCString()}`;
  const box = $('messages');
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  box.replaceChildren(...messages.map(renderMessage));
  if (atBottom) box.scrollTop = box.scrollHeight;
}

async function act(path, body) {
  showError('');
  let result;
  try {
    result = await api(path, { as: state.memberId, channelId: state.channelId, ...body });
  } catch (error) {
    showError(error.message);
  }
  await refreshMessages();
  if (result?.modal) openModal(result.modal, result.interactionId);
  return result;
}

/** Errors stay one short line: the full text is in the tooltip. */
function showError(text, kind = 'error') {
  $('error').hidden = !text;
  $('error').className = kind;
  $('error').textContent = text.length > 200 ? `${text.slice(0, 197)}…` : text;
  $('error').title = text;
}

// ---- modals: the bot asks for text (a report's comment) ----
function openModal(modal, interactionId) {
  const dialog = $('modal');
  $('modal-title').textContent = modal.title;
  const inputs = (modal.components ?? []).flatMap((row) => (row.type === 18 ? [row.component] : (row.components ?? []))).filter((c) => c.type === 4);
  $('modal-fields').replaceChildren(
    ...inputs.map((input) => {
      const label = document.createElement('label');
      const field = document.createElement(input.style === 2 ? 'textarea' : 'input');
      field.name = input.custom_id;
      field.placeholder = input.placeholder ?? '';
      if (input.max_length) field.maxLength = input.max_length;
      field.required = Boolean(input.required);
      const counter = document.createElement('span');
      counter.className = 'counter';
      const count = () => {
        counter.textContent = input.max_length ? `${field.value.length}/${input.max_length}` : '';
      };
      field.addEventListener('input', count);
      count();
      label.append(`${input.label}${input.required ? ' *' : ''}`, field, counter);
      return label;
    }),
  );
  $('modal-form').onsubmit = async (event) => {
    event.preventDefault();
    const fields = Object.fromEntries([...$('modal-fields').querySelectorAll('input, textarea')].map((f) => [f.name, f.value]));
    dialog.close();
    await act('/api/modal', { interactionId, fields });
  };
  $('modal-cancel').onclick = () => dialog.close();
  dialog.showModal();
  $('modal-fields').querySelector('input, textarea')?.focus();
}

/** After a sweep, say what happened: a silent button would look broken when nothing was due. */
function reportSweep(result) {
  if (!result) return;
  const failed = result.failed?.length ? ` ${result.failed.length} failed: ${result.failed.join('; ')}.` : '';
  const channelName = (id) => state.session.channels.find((c) => c.id === id)?.name ?? 'a channel';
  const next = (result.upcoming ?? []).map((u) => `#${channelName(u.channelId)} ${relative(Date.parse(u.at) / 1000)} (${formatWhen(u.at)})`).join(', ');
  showError(
    result.posted > 0
      ? `Posted ${result.posted} daily question${result.posted === 1 ? '' : 's'}.${failed}`
      : next
        ? `No daily question was due.${failed} Next: ${next}.`
        : `No daily question was due.${failed} Set one up with /ai300-daily set (as Ana), then move the clock past its time.`,
    'info',
  );
}

// ---- the command box ----
/** The commands this member may use: as in Discord, admin-only ones are not offered to others. */
function commandDefs() {
  return (state.session?.commands ?? []).filter(mayUse);
}

function mayUse(command) {
  const member = state.session?.members.find((m) => m.id === state.memberId);
  return command.default_member_permissions == null || Boolean(member?.admin);
}

/** Splits "/ai300 quiz domain:infra tag:quality" into its parts, knowing the option names. */
function parseInput(text) {
  const match = /^\/(\S*)(?:\s+(\S*))?(?:\s+([\s\S]*))?$/.exec(text);
  if (!match) return null;
  const [, commandName, subName = '', rest = ''] = match;
  // Every registered command is recognised; only those the member may use are suggested.
  const command = (state.session?.commands ?? []).find((c) => c.name === commandName);
  const sub = command?.options?.find((o) => o.type === 1 && o.name === subName);
  const optionDefs = sub?.options ?? [];
  const options = {};
  const names = optionDefs.map((o) => o.name).join('|');
  let lastName = null;
  if (names) {
    const re = new RegExp(`(?:^|\\s)(${names}):`, 'g');
    const marks = [...rest.matchAll(re)];
    marks.forEach((m, i) => {
      const start = m.index + m[0].length;
      const end = i + 1 < marks.length ? marks[i + 1].index : rest.length;
      options[m[1]] = rest.slice(start, end).trim();
      lastName = m[1];
    });
  }
  return { commandName, subName, command, sub, optionDefs, options, rest, lastName, trailingSpace: /\s$/.test(text) };
}

async function computeSuggestions() {
  const text = $('command').value;
  if (!text.startsWith('/')) return [];
  const parsed = parseInput(text);
  if (!parsed) return [];
  if (parsed.command && !mayUse(parsed.command)) return [];
  if (!parsed.command || (!parsed.sub && !text.includes(' '))) {
    return commandDefs()
      .filter((c) => c.name.startsWith(parsed.commandName))
      .map((c) => ({ label: `/${c.name}`, hint: c.description, insert: `/${c.name} ` }));
  }
  if (!parsed.sub) {
    return (parsed.command.options ?? [])
      .filter((o) => o.type === 1 && o.name.startsWith(parsed.subName))
      .map((o) => ({ label: `/${parsed.command.name} ${o.name}`, hint: o.description, insert: `/${parsed.command.name} ${o.name} ` }));
  }
  const base = text.slice(0, text.length - (parsed.lastName && !parsed.trailingSpace ? parsed.options[parsed.lastName].length : 0));
  if (parsed.lastName && !parsed.trailingSpace) {
    const def = parsed.optionDefs.find((o) => o.name === parsed.lastName);
    const typed = parsed.options[parsed.lastName];
    if (def?.choices)
      return def.choices
        .filter((c) => `${c.name} ${c.value}`.toLowerCase().includes(typed.toLowerCase()))
        .map((c) => ({ label: c.name, hint: String(c.value), insert: `${base}${c.value} ` }));
    if (def?.autocomplete) {
      const { choices } = await api('/api/autocomplete', {
        as: state.memberId,
        channelId: state.channelId,
        command: parsed.command.name,
        subcommand: parsed.sub.name,
        options: parsed.options,
        focused: def.name,
      });
      return choices.map((c) => ({ label: c.name, hint: '', insert: `${base}${c.value} ` }));
    }
    if (def?.type === 5) return ['true', 'false'].filter((v) => v.startsWith(typed)).map((v) => ({ label: v, hint: '', insert: `${base}${v} ` }));
    if (def?.type === 7)
      return state.session.channels
        .filter((c) => c.name.includes(typed.replace('#', '')))
        .map((c) => ({ label: `#${c.name}`, hint: '', insert: `${base}#${c.name} ` }));
    if (def?.type === 6)
      return state.session.members
        .filter((m) => m.name.toLowerCase().includes(typed.replace('@', '').toLowerCase()))
        .map((m) => ({ label: `@${m.name}`, hint: '', insert: `${base}@${m.name} ` }));
    return def ? [{ label: def.name, hint: def.description, insert: null }] : [];
  }
  // A half-typed option name ("/ai300 quiz dom") completes to "domain:", replacing what was typed.
  const partial = parsed.trailingSpace ? '' : (/(?:^|\s)([^\s:]+)$/.exec(text)?.[1] ?? '');
  const stem = text.slice(0, text.length - partial.length).replace(/\s*$/, ' ');
  return parsed.optionDefs
    .filter((o) => !(o.name in parsed.options) && o.name.startsWith(partial))
    .map((o) => ({
      label: `${o.name}:`,
      hint: `${o.required ? 'required · ' : ''}${o.description}${o.max_length ? ` · up to ${o.max_length} characters` : ''}`,
      insert: `${stem}${o.name}:`,
    }));
}

/** Text after the subcommand that is not inside any option: Discord has nowhere to put it. */
function strayText(parsed) {
  const names = parsed.optionDefs.map((o) => o.name).join('|');
  const first = names ? new RegExp(`(?:^|\\s)(${names}):`).exec(parsed.rest) : null;
  return (first ? parsed.rest.slice(0, first.index) : parsed.rest).trim();
}

async function updateSuggestions() {
  try {
    state.suggestions = await computeSuggestions();
  } catch (error) {
    state.suggestions = [];
    showError(error.message);
  }
  state.selected = 0;
  const list = $('suggestions');
  list.hidden = state.suggestions.length === 0;
  list.replaceChildren(
    ...state.suggestions.map((s, i) => {
      const li = document.createElement('li');
      li.className = i === state.selected ? 'selected' : '';
      li.innerHTML = `<span>${escapeHtml(s.label)}</span><span class="hint">${escapeHtml(s.hint ?? '')}</span>`;
      li.addEventListener('mousedown', (event) => {
        event.preventDefault();
        choose(i);
      });
      return li;
    }),
  );
}

function choose(index) {
  const suggestion = state.suggestions[index];
  if (!suggestion?.insert) return;
  $('command').value = suggestion.insert;
  $('command').focus();
  void updateSuggestions();
}

async function submitCommand() {
  const parsed = parseInput($('command').value.trim());
  if (parsed?.command && !mayUse(parsed.command)) {
    showError(`You do not have permission to use /${parsed.command.name}.`);
    return;
  }
  if (!parsed?.command || !parsed.sub) {
    showError('Type a full command, for example /ai300 quiz');
    return;
  }
  const stray = strayText(parsed);
  if (stray) {
    const known = parsed.optionDefs.map((o) => `${o.name}:`).join(', ');
    showError(`"${stray}" is not an option of /${parsed.command.name} ${parsed.sub.name}${known ? `; it takes ${known}` : ''}. Nothing was sent.`);
    return;
  }
  const tooLong = parsed.optionDefs.find((o) => o.max_length && (parsed.options[o.name] ?? '').length > o.max_length);
  if (tooLong) {
    showError(`${tooLong.name}: is ${parsed.options[tooLong.name].length} characters; the limit is ${tooLong.max_length}.`);
    return;
  }
  $('suggestions').hidden = true;
  await act('/api/command', { command: parsed.command.name, subcommand: parsed.sub.name, options: parsed.options });
  if ($('error').hidden) $('command').value = '';
}

// ---- wiring ----
async function selectChannel(id) {
  state.channelId = id;
  const channel = state.session.channels.find((c) => c.id === id);
  $('channel-name').textContent = channel.name;
  $('channel-topic').textContent = channel.topic ?? '';
  for (const li of $('channels').children) li.classList.toggle('active', li.dataset.id === id);
  await refreshMessages();
}

async function start() {
  state.session = await api('/api/session');
  $('server-name').textContent = state.session.guild.name;
  $('channels').replaceChildren(
    ...state.session.channels.map((c) => {
      const li = document.createElement('li');
      li.textContent = `# ${c.name}`;
      li.dataset.id = c.id;
      li.addEventListener('click', () => selectChannel(c.id));
      return li;
    }),
  );
  $('member').replaceChildren(...state.session.members.map((m) => new Option(`${m.name}${m.admin ? ' (admin)' : ''}`, m.id)));
  state.memberId = state.session.members[0].id;
  $('member').addEventListener('change', () => {
    state.memberId = $('member').value;
    void refreshMessages();
    void updateSuggestions();
  });
  $('command').addEventListener('input', () => void updateSuggestions());
  $('command').addEventListener('focus', () => void updateSuggestions());
  $('command').addEventListener('keydown', (event) => {
    const open = !$('suggestions').hidden && state.suggestions.length > 0;
    if (open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      state.selected = (state.selected + (event.key === 'ArrowDown' ? 1 : state.suggestions.length - 1)) % state.suggestions.length;
      for (const [i, li] of [...$('suggestions').children].entries()) li.classList.toggle('selected', i === state.selected);
    } else if (open && event.key === 'Tab') {
      event.preventDefault();
      choose(state.selected);
    } else if (event.key === 'Escape') {
      $('suggestions').hidden = true;
    }
  });
  $('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    const open = !$('suggestions').hidden && state.suggestions[state.selected]?.insert;
    const value = $('command').value;
    // Enter picks a suggestion while the command is incomplete, and sends it once it is complete.
    const parsed = parseInput(value.trim());
    const halfTypedName = parsed?.sub && !parsed.trailingSpace && strayText(parsed) !== '' && !value.endsWith(':');
    if (open && (!parsed?.sub || halfTypedName || (parsed.lastName && !parsed.trailingSpace && !parsed.options[parsed.lastName]))) choose(state.selected);
    else void submitCommand();
  });
  $('sweep').addEventListener('click', async () => reportSweep(await act('/api/sweep', {})));
  $('advance-hour').addEventListener('click', async () => reportSweep(await act('/api/clock', { advanceMs: 3_600_000 })));
  $('advance-day').addEventListener('click', async () => reportSweep(await act('/api/clock', { advanceMs: 86_400_000 })));
  const events = new EventSource('/api/events');
  events.addEventListener('change', () => void refreshMessages());
  await selectChannel(state.session.channels[0].id);
  $('command').focus();
}

start().catch((error) => showError(`Could not load the playground: ${error.message}`));
