import sgMail from '@sendgrid/mail';

sgMail.setApiKey('__FAKE_sendgrid__'); // expect: secret-hardcoded

export const notify = (to: string, subject: string, text: string) => sgMail.send({ to, from: 'support@example.com', subject, text });
