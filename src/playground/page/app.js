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
function relative(seconds) {
  const diff = seconds * 1000 - Date.parse(state.session?.now ?? new Date().toISOString());
  const abs = Math.abs(diff);
  const [value, unit] = abs < 3.6e6 ? [Math.round(abs / 6e4), 'minute'] : abs < 8.64e7 ? [Math.round(abs / 3.6e6), 'hour'] : [Math.round(abs / 8.64e7), 'day'];
  const text = `${value} ${unit}${value === 1 ? '' : 's'}`;
  return diff >= 0 ? `in ${text}` : `${text} ago`;
}
function format(text) {
  let html = escapeHtml(text ?? '');
  html = html.replace(/`([^`]+)`/g, '<code>$1</code>');
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
    `<div class="meta"><span class="author">${escapeHtml(name)}</span>${message.author.bot ? '<span class="bot-tag">BOT</span>' : ''}<span class="time">${new Date(message.timestamp).toLocaleTimeString()}</span></div>`,
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
  return result;
}

function showError(text, kind = 'error') {
  $('error').hidden = !text;
  $('error').className = kind;
  $('error').textContent = text;
}

/** After a sweep, say what happened: a silent button would look broken when nothing was due. */
function reportSweep(result) {
  if (!result) return;
  const failed = result.failed?.length ? ` ${result.failed.length} failed: ${result.failed.join('; ')}.` : '';
  showError(
    result.posted > 0
      ? `Posted ${result.posted} daily question${result.posted === 1 ? '' : 's'}.${failed}`
      : `No daily question was due.${failed} Set one up with /ai300-daily set (as Ana), then move the clock past its time.`,
    'info',
  );
}

// ---- the command box ----
function commandDefs() {
  return state.session?.commands ?? [];
}

/** Splits "/ai300 quiz domain:infra tag:quality" into its parts, knowing the option names. */
function parseInput(text) {
  const match = /^\/(\S*)(?:\s+(\S*))?(?:\s+([\s\S]*))?$/.exec(text);
  if (!match) return null;
  const [, commandName, subName = '', rest = ''] = match;
  const command = commandDefs().find((c) => c.name === commandName);
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
  return parsed.optionDefs
    .filter((o) => !(o.name in parsed.options))
    .map((o) => ({ label: `${o.name}:`, hint: `${o.required ? 'required · ' : ''}${o.description}`, insert: `${text.replace(/\s*$/, ' ')}${o.name}:` }));
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
  if (!parsed?.command || !parsed.sub) {
    showError('Type a full command, for example /ai300 quiz');
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
    if (open && (!parsed?.sub || (parsed.lastName && !parsed.trailingSpace && !parsed.options[parsed.lastName]))) choose(state.selected);
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
