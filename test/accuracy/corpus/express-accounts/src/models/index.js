import mongoose from 'mongoose';

export const User = mongoose.model('User', new mongoose.Schema({ email: String, passwordHash: String, tenant: String, role: String, resetToken: String }));
export const Conversation = mongoose.model('Conversation', new mongoose.Schema({ tenant: String, subject: String, assignee: String, tags: [String] }));
