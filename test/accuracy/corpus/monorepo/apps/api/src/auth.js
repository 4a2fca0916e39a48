const fs = require('fs');
const jwt = require('jsonwebtoken');

// Verification key loaded from the mounted secret volume.
const publicKey = fs.readFileSync('/run/secrets/jwt_public.pem', 'utf8');

function verifyToken(req, res, next) {
  try {
    req.user = jwt.verify((req.get('authorization') || '').replace('Bearer ', ''), publicKey, { algorithms: ['RS256'] });
    next();
  } catch (e) {
    res.status(401).json({ error: 'invalid token' });
  }
}

function signServiceToken() {
  const signingKey = '__FAKE_pem__'; // expect: secret-hardcoded
  return jwt.sign({ sub: 'svc-indexer', roles: ['service'] }, signingKey, { algorithm: 'RS256', expiresIn: '5m' });
}

module.exports = { verifyToken, signServiceToken };
