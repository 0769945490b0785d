# Two stages: npm for Aksel and htmx, then the Python app with WeasyPrint's system libraries.
FROM node:20-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock
COPY . .
COPY --from=assets /app/node_modules ./node_modules
RUN DEBUG=false SECRET_KEY=collectstatic-only STATIC_MANIFEST=true python manage.py collectstatic --noinput
RUN useradd --system --uid 10001 app && mkdir -p /data/media && chown -R app /data /app/var
USER app
EXPOSE 8000
