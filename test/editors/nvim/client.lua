-- Test driver: headless Neovim 0.7.2 as an LSP client of incident-docs (see ../neovim.test.ts).
-- Run: timeout 40 nvim --headless --clean -n -i NONE -u client.lua, with INCIDENT_DOCS_NVIM_JOB naming
-- a JSON job. It runs the README's Neovim snippet (incident-docs.lua's setup()), opens the job's files, collects what Neovim receives and writes it as JSON to job.out. Any failure or timeout
-- exits non-zero; the cquit at the end catches whatever slips through.
local job = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('INCIDENT_DOCS_NVIM_JOB')), '\n'))
local TIMEOUT = job.timeoutMs
local out = { buffers = {}, steps = {} }

local function fail(message)
  io.stderr:write('client.lua: ' .. message .. '\n')
  out.error = message
  pcall(vim.fn.writefile, { vim.fn.json_encode(out) }, job.out)
  vim.cmd('cquit 2')
end

local function wait_for(what, condition)
  if not vim.wait(TIMEOUT, condition, 10) then fail('timed out waiting for ' .. what) end
end

-- Everything Neovim receives is also recorded raw (LSP ranges, UTF-16 columns), by wrapping the
-- default handlers every client falls back to.
local published = {} -- uri -> list of { client, diagnostics }
local lens_responses = {} -- bufnr -> count of codeLens responses
local configuration_requests = {}
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  published[result.uri] = published[result.uri] or {}
  table.insert(published[result.uri], { client = vim.lsp.get_client_by_id(ctx.client_id).name, diagnostics = result.diagnostics })
  return default_publish(err, result, ctx, config)
end
local default_configuration = vim.lsp.handlers['workspace/configuration']
vim.lsp.handlers['workspace/configuration'] = function(err, result, ctx, config)
  local answer = default_configuration(err, result, ctx, config)
  table.insert(configuration_requests, { params = result, answer = answer })
  return answer
end
-- codelens.refresh() passes its own handler, so count responses there.
local on_codelens = vim.lsp.codelens.on_codelens
vim.lsp.codelens.on_codelens = function(err, result, ctx, config)
  lens_responses[ctx.bufnr] = (lens_responses[ctx.bufnr] or 0) + 1
  return on_codelens(err, result, ctx, config)
end

local function count(uri) return #(published[uri] or {}) end

local function has_code(publish, code)
  for _, d in ipairs(publish.diagnostics) do
    if d.code == code then return true end
  end
  return false
end

-- The newest publish for `uri` after the first `before` ones that shows the step's effect
-- (`expect.has` / `expect.lacks` a rule): any publish after `before` could still be one the
-- server computed before the step (a settings push from start-up arriving late).
local function wait_for_publish(what, uri, before, expect)
  local found
  wait_for(what, function()
    local list = published[uri] or {}
    for i = #list, before + 1, -1 do
      local p = list[i]
      if (not expect.has or has_code(p, expect.has)) and (not expect.lacks or not has_code(p, expect.lacks)) then
        found = p
        return true
      end
    end
    return false
  end)
  return found
end

local function last(uri)
  local list = published[uri] or {}
  return list[#list]
end

-- The cursor on the first occurrence of `needle` (Neovim columns are bytes; the LSP client converts).
local function cursor_to(bufnr, needle)
  vim.api.nvim_set_current_buf(bufnr)
  for lnum, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col then
      vim.api.nvim_win_set_cursor(0, { lnum, col - 1 })
      return
    end
  end
  fail('not in buffer: ' .. needle)
end

-- vim.ui.select as a user would answer it: record the choices, pick the one titled `choose`.
local function answer_select(record, choose)
  vim.ui.select = function(items, opts, on_choice)
    record.offered = {}
    local pick
    for _, item in ipairs(items) do
      local title = opts.format_item(item)
      table.insert(record.offered, title)
      if title == choose then pick = item end
    end
    on_choice(pick)
  end
end

local function snapshot(bufnr)
  local uri = vim.uri_from_bufnr(bufnr)
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(diagnostics, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, code = d.code, message = d.message })
  end
  return { published = last(uri), diagnostics = diagnostics }
end

local function main()
  vim.o.hidden = true
  vim.cmd('filetype on')
  -- The README's Neovim 0.7 snippet, run as written, with the module found the way a user's
  -- ~/.config/nvim/lua would provide it. The job's server command, test clock and settings are
  -- merged into what it passes to setup(); the merged settings are reported for the test to use.
  package.path = job.nvimDir .. '/?.lua;' .. package.path
  local incident_docs = require('incident-docs')
  local setup, opts = incident_docs.setup, nil
  incident_docs.setup = function(given)
    opts = vim.tbl_deep_extend('force', given or {}, { cmd = job.cmd, settings = job.settings, init_options = job.init_options })
    out.settings = opts.settings
    return setup(opts)
  end
  assert(loadstring(job.readme.setup, '=README (Neovim 0.7)'))()
  if not opts then fail("the README snippet did not call require('incident-docs').setup()") end
  -- The README's other Lua snippets need Neovim 0.8+ or nvim-lspconfig: compiled, not run.
  out.readme = {}
  for _, code in ipairs(job.readme.others) do
    local _, err = loadstring(code, '=README')
    table.insert(out.readme, err or vim.NIL)
  end

  -- Open every file. Plain ones attach through setup()'s FileType autocmd (markdown, yaml); `manual`
  -- ones are opened without autocmds, given the job's filetype (what Neovim sends as languageId)
  -- and attached by hand, or to a `bare` client: Neovim's default capabilities, no settings at all.
  local buffers = {}
  for _, file in ipairs(job.files) do
    vim.cmd((file.manual and 'noautocmd edit ' or 'edit ') .. vim.fn.fnameescape(file.path))
    local bufnr = vim.api.nvim_get_current_buf()
    if file.filetype then vim.bo[bufnr].filetype = file.filetype end
    if file.bare then
      local id = vim.lsp.start_client({ name = 'bare', cmd = job.cmd, root_dir = vim.fn.fnamemodify(file.path, ':h') })
      vim.lsp.buf_attach_client(bufnr, id)
    elseif file.manual then
      incident_docs.attach(bufnr, opts)
    end
    buffers[file.name] = bufnr
    out.buffers[file.name] = { uri = vim.uri_from_bufnr(bufnr), filetype = vim.bo[bufnr].filetype, fileformat = vim.bo[bufnr].fileformat }
  end
  for name, bufnr in pairs(buffers) do
    wait_for('diagnostics of ' .. name, function() return count(vim.uri_from_bufnr(bufnr)) > 0 end)
  end
  for name, bufnr in pairs(buffers) do
    local entry = out.buffers[name]
    for k, v in pairs(snapshot(bufnr)) do entry[k] = v end
    local client = vim.lsp.get_client_by_id(vim.tbl_keys(vim.lsp.buf_get_clients(bufnr))[1])
    entry.client = client.name
    entry.capabilities = client.server_capabilities
  end

  for _, name in ipairs(job.lenses or {}) do
    local bufnr = buffers[name]
    vim.api.nvim_set_current_buf(bufnr)
    local before = lens_responses[bufnr] or 0
    vim.lsp.codelens.refresh()
    wait_for('code lenses of ' .. name, function() return (lens_responses[bufnr] or 0) > before end)
    out.buffers[name].lenses = vim.lsp.codelens.get(bufnr)
  end

  -- Hovers at the cursor: make_position_params() turns Neovim's byte column into UTF-16.
  out.steps.hovers = {}
  for _, h in ipairs(job.hovers or {}) do
    local bufnr = buffers[h.buffer]
    cursor_to(bufnr, h.needle)
    local params = vim.lsp.util.make_position_params()
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, TIMEOUT)
    local _, response = next(responses or {})
    table.insert(out.steps.hovers, { position = params.position, result = response and response.result })
  end

  if job.codeAction then
    -- The user's path: cursor on the finding, vim.lsp.buf.code_action(), pick a fix, Neovim applies it.
    local step = { }
    out.steps.codeAction = step
    local bufnr = buffers[job.codeAction.buffer]
    local uri = vim.uri_from_bufnr(bufnr)
    cursor_to(bufnr, job.codeAction.needle)
    local lnum = vim.api.nvim_win_get_cursor(0)[1]
    local before = count(uri)
    answer_select(step, job.codeAction.choose)
    vim.lsp.buf.code_action()
    wait_for('code actions', function() return step.offered ~= nil end)
    step.line = vim.api.nvim_buf_get_lines(bufnr, lnum - 1, lnum, false)[1]
    step.after = wait_for_publish('diagnostics after the fix', uri, before, job.codeAction.expect)
  end

  if job.edit then
    -- A typed edit after multi-byte text: Neovim sends it as an incremental change in UTF-16.
    local bufnr = buffers[job.edit.buffer]
    local uri = vim.uri_from_bufnr(bufnr)
    cursor_to(bufnr, job.edit.needle)
    local row, col = unpack(vim.api.nvim_win_get_cursor(0))
    local before = count(uri)
    vim.api.nvim_buf_set_text(bufnr, row - 1, col, row - 1, col + #job.edit.needle, { job.edit.replacement })
    out.steps.edit = { after = wait_for_publish('diagnostics after the edit', uri, before, job.edit.expect) }
  end

  if job.executeCommand then
    local bufnr = buffers[job.executeCommand.buffer]
    local client = vim.lsp.get_client_by_id(vim.tbl_keys(vim.lsp.buf_get_clients(bufnr))[1])
    local step = {}
    out.steps.executeCommand = step
    client.request('workspace/executeCommand', { command = job.executeCommand.command, arguments = job.executeCommand.arguments }, function(err, result)
      step.done, step.err, step.result = true, err, result
    end, bufnr)
    wait_for('workspace/executeCommand', function() return step.done end)
  end

  if job.checkLive then
    -- The "Check live" lens, run the way a user does: cursor on its line, vim.lsp.codelens.run().
    local step = {}
    out.steps.checkLive = step
    local bufnr = buffers[job.checkLive.buffer]
    local uri = vim.uri_from_bufnr(bufnr)
    local lens
    for _, l in ipairs(vim.lsp.codelens.get(bufnr)) do
      if not lens and l.command and l.command.title == 'Check live' then lens = l end
    end
    if not lens then fail('no "Check live" lens') end
    vim.api.nvim_set_current_buf(bufnr)
    vim.api.nvim_win_set_cursor(0, { lens.range.start.line + 1, 0 })
    local before = count(uri)
    answer_select(step, 'Check live')
    vim.lsp.codelens.run()
    step.after = wait_for_publish('diagnostics after "Check live"', uri, before, job.checkLive.expect)
    -- codelens.run refreshes once the command answers, but a refresh already in flight (BufEnter)
    -- swallows that one; refresh until the live lens shows, and let the test judge what came.
    local function has_live()
      for _, l in ipairs(vim.lsp.codelens.get(bufnr)) do
        if l.command and l.command.title:find('^Live ') then return true end
      end
      return false
    end
    vim.wait(TIMEOUT, function()
      if has_live() then return true end
      local seen = lens_responses[bufnr] or 0
      vim.lsp.codelens.refresh()
      vim.wait(1000, function() return (lens_responses[bufnr] or 0) > seen end, 10)
      return has_live()
    end, 10)
    step.lenses = vim.lsp.codelens.get(bufnr)
  end

  if job.reconfigure then
    -- A settings change the way a Neovim user makes one: new client settings, then the notification.
    local bufnr = buffers[job.reconfigure.buffer]
    local uri = vim.uri_from_bufnr(bufnr)
    local client = vim.lsp.get_client_by_id(vim.tbl_keys(vim.lsp.buf_get_clients(bufnr))[1])
    local before = count(uri)
    client.config.settings = { incidentDocs = job.reconfigure.settings }
    client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
    out.steps.reconfigure = { after = wait_for_publish('diagnostics after the settings change', uri, before, job.reconfigure.expect) }
  end

  out.configurationRequests = configuration_requests
  vim.fn.writefile({ vim.fn.json_encode(out) }, job.out)
  vim.cmd('qall!')
end

local ok, err = xpcall(main, debug.traceback)
if not ok then fail(tostring(err)) end
vim.cmd('cquit 3') -- guard: never reached when main() quits
