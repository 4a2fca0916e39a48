import mongoose from 'mongoose';

mongoose.connect(process.env.MONGO_URL!);

export const Ticket = mongoose.model('Ticket', new mongoose.Schema({ orgId: String, subject: String, status: String, assignee: String }));
export const Customer = mongoose.model('Customer', new mongoose.Schema({ orgId: String, email: String, plan: String }));
