const { User } = require('./models');

async function loadUser(req, res, next) {
  if (req.session.userId) req.user = await User.findById(req.session.userId);
  next();
}

function mustBeLoggedIn(req, res, next) {
  if (!req.user) return res.status(401).json({ error: 'login required' });
  next();
}

module.exports = { loadUser, mustBeLoggedIn };
