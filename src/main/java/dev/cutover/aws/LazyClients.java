package dev.cutover.aws;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkClient;

/**
 * SDK clients built on their first call. Building a client loads its whole model, endpoint rules
 * and protocol (hundreds of classes per service), which a deployment that never calls the service,
 * e.g. Application Auto Scaling with no services watched, should not pay for at start-up.
 */
final class LazyClients {
    private LazyClients() {}

    /**
     * A {@code type} whose calls go to the client {@code build} returns, built once, on the first
     * call. {@code close()} before any call builds nothing; {@code toString}, {@code equals} and
     * {@code hashCode} are the proxy's own.
     */
    static <C extends SdkClient> C of(Class<C> type, Supplier<C> build) {
        return type.cast(
                Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new Handler<>(type, build)));
    }

    private static final class Handler<C extends SdkClient> implements InvocationHandler {
        private final Class<C> type;
        private final Supplier<C> build;
        private volatile C client;

        Handler(Class<C> type, Supplier<C> build) {
            this.type = type;
            this.build = build;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "toString":
                    if (method.getParameterCount() == 0) {
                        return "lazy " + type.getSimpleName() + (client == null ? " (not built)" : "");
                    }
                    break;
                case "hashCode":
                    if (method.getParameterCount() == 0) {
                        return System.identityHashCode(proxy);
                    }
                    break;
                case "equals":
                    if (method.getParameterCount() == 1) {
                        return proxy == args[0];
                    }
                    break;
                case "close":
                    if (method.getParameterCount() == 0 && client == null) {
                        return null;
                    }
                    break;
                default:
                    break;
            }
            try {
                return method.invoke(client(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private C client() {
            C c = client;
            if (c == null) {
                synchronized (this) {
                    c = client;
                    if (c == null) {
                        c = build.get();
                        client = c;
                    }
                }
            }
            return c;
        }
    }
}
