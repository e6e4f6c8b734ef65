-- incident-docs language server for Neovim 0.7+ (no plugins needed).
-- Copy this file to ~/.config/nvim/lua/incident-docs.lua, then in init.lua:
--   require('incident-docs').setup({ settings = { ticketUrl = 'https://jira.example.com/browse/{key}' } })
-- test/editors/neovim.test.ts runs Neovim with exactly this file, so what the README shows is tested.
local M = {}

M.filetypes = { 'markdown', 'yaml' }
M.root_markers = { '.incident-docs.yaml', '.git' }

-- Neovim's defaults announce neither code lenses nor settings requests; without them the server
-- (rightly) offers no lenses and never asks for settings.
function M.capabilities()
  local capabilities = vim.lsp.protocol.make_client_capabilities()
  capabilities.textDocument.codeLens = { dynamicRegistration = false }
  capabilities.workspace.configuration = true
  capabilities.workspace.didChangeConfiguration = { dynamicRegistration = false }
  return capabilities
end

-- Nearest directory above `path` holding a root marker; the file's own directory otherwise.
-- (fs_stat rather than finddir(): 'path' syntax trips over spaces and commas in names.)
function M.root_dir(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  while true do
    for _, marker in ipairs(M.root_markers) do
      if vim.loop.fs_stat(dir .. '/' .. marker) then return dir end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then return vim.fn.fnamemodify(path, ':p:h') end
    dir = parent
  end
end

-- A start_client() config. opts: cmd, settings (the incidentDocs section), init_options, on_attach.
function M.config(opts)
  opts = opts or {}
  -- No settings, no section: an empty one pushed would replace settings given in init_options.
  local settings = opts.settings and { incidentDocs = opts.settings } or {}
  return {
    name = 'incident-docs',
    cmd = opts.cmd or { 'incident-docs-server', '--stdio' },
    capabilities = M.capabilities(),
    -- Answered to workspace/configuration (Neovim looks items up by their `section`).
    settings = settings,
    init_options = opts.init_options,
    on_init = function(client)
      -- Neovim 0.7 does not push settings by itself.
      if next(settings) then client.notify('workspace/didChangeConfiguration', { settings = settings }) end
    end,
    on_attach = function(client, bufnr)
      if client.resolved_capabilities.code_lens then
        -- Expiry and "Check live" lenses; run one with :lua vim.lsp.codelens.run()
        vim.api.nvim_create_autocmd({ 'BufEnter', 'InsertLeave', 'BufWritePost' }, {
          buffer = bufnr,
          callback = function() vim.lsp.codelens.refresh() end,
        })
        vim.lsp.codelens.refresh()
      end
      if opts.on_attach then opts.on_attach(client, bufnr) end
    end,
  }
end

local clients = {} -- root directory -> client id

-- Attaches a buffer to the client of its root directory, starting one when needed.
function M.attach(bufnr, opts)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local root = M.root_dir(vim.api.nvim_buf_get_name(bufnr))
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    local config = M.config(opts)
    config.root_dir = root
    id = vim.lsp.start_client(config)
    clients[root] = id
  end
  if id then vim.lsp.buf_attach_client(bufnr, id) end
  return id
end

-- Attaches every Markdown and YAML buffer; the server itself decides which are post-mortems or inventories.
function M.setup(opts)
  vim.api.nvim_create_autocmd('FileType', {
    pattern = M.filetypes,
    callback = function(args) M.attach(args.buf, opts) end,
  })
end

return M
