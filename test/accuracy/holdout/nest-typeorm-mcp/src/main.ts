import './instrument';
import { NestFactory } from '@nestjs/core';
import { ValidationPipe } from '@nestjs/common';
import { AppModule } from './app.module';
import { SafeExceptionFilter } from './common/safe-exception.filter';

async function bootstrap() {
  const app = await NestFactory.create(AppModule, { rawBody: true });
  app.enableCors({ origin: (process.env.CORS_ORIGINS ?? '').split(','), credentials: true }); // ok: cors-permissive
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new SafeExceptionFilter());
  await app.listen(Number(process.env.PORT ?? 3000));
}
bootstrap();
