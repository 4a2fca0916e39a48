const express = require('express');
const cors = require('cors');
const session = require('express-session');
const mongoose = require('mongoose');
const { authRoutes } = require('./routes/auth');
const chatRoutes = require('./routes/chat');
const hookRoutes = require('./routes/hooks');
const { loadUser } = require('./lib/session');

const app = express();

// The widget is embedded on customer sites, so "any origin" was the quick fix.
app.use(cors({ origin: (origin, cb) => cb(null, origin), credentials: true })); // expect: cors-permissive
app.use(express.json());
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
app.use(loadUser);

app.use('/auth', authRoutes);
app.use('/api/chat', chatRoutes);
app.use('/hooks', hookRoutes);

app.use((err, req, res, next) => {
  console.error(err);
  res.status(500).json({ error: err.message, stack: err.stack }); // expect: error-leak
});

mongoose.connect(process.env.MONGO_URL).then(() => app.listen(process.env.PORT || 8080));
