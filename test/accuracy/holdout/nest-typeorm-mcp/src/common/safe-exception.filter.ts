import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import * as Sentry from '@sentry/nestjs';

@Catch()
export class SafeExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse();
    if (exception instanceof HttpException) return res.status(exception.getStatus()).json(exception.getResponse()); // ok: error-leak
    Sentry.captureException(exception);
    res.status(500).json({ statusCode: 500, message: 'Internal server error' });
  }
}
