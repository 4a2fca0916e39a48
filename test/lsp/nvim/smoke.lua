-- Headless Neovim smoke test: start `readiness lsp --stdio` as an ordinary LSP server (Neovim 0.7+ API), open a
-- file of the fixture workspace, wait for its diagnostics, and write them as JSON to $READINESS_OUT.
local root = vim.env.READINESS_ROOT
local file = root .. '/src/app.ts'
local quiescent = false
local client_id = vim.lsp.start_client({
  name = 'launch-readiness',
  cmd = { vim.env.READINESS_NODE, vim.env.READINESS_CLI, 'lsp', '--stdio' },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'fixture' } },
  handlers = {
    ['readiness/status'] = function(_, result)
      if result and result.quiescent then quiescent = true end
    end,
  },
})
vim.cmd('edit ' .. file)
vim.lsp.buf_attach_client(0, client_id)
local ok = vim.wait(60000, function()
  return quiescent and #vim.diagnostic.get(0) > 0
end, 50)
local out = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(out, { line = d.lnum, source = d.source, message = d.message, code = lsp.code or d.code })
end
local f = io.open(vim.env.READINESS_OUT, 'w')
f:write(vim.fn.json_encode({ ok = ok, diagnostics = out }))
f:close()
vim.lsp.stop_client(client_id)
vim.cmd('qa!')
