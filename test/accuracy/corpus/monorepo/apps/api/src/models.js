const { Sequelize, DataTypes } = require('sequelize');

const sequelize = new Sequelize(process.env.DATABASE_URL, { logging: false });
const Ticket = sequelize.define('Ticket', { subject: DataTypes.STRING, status: DataTypes.STRING, orgId: DataTypes.STRING });
const Org = sequelize.define('Org', { name: DataTypes.STRING, plan: DataTypes.STRING });

module.exports = { sequelize, Ticket, Org };
