# Reference numbers for Dendrite optimizer/schedule/clipping tests. torch 1.13, float32.
import torch, math
torch.set_printoptions(precision=10)
def fmt(xs): return ", ".join(repr(float(x)) + "f" for x in xs)
A0=torch.tensor([1.0,2.0,0.5,3.0]); B0=torch.tensor([0.1,-0.2,0.3,0.0])
A1=torch.tensor([0.25,4.0]); B1=torch.tensor([-1.0,0.5])
def run(make, steps=5):
    p0=torch.tensor([1.0,-2.0,3.0,0.5],requires_grad=True)
    p1=torch.tensor([0.25,-0.75],requires_grad=True)
    opt=make([p0,p1])
    for _ in range(steps):
        with torch.no_grad():
            p0.grad=A0*p0+B0; p1.grad=A1*p1+B1
        opt.step()
    return p0.detach().tolist()+p1.detach().tolist()
O=torch.optim
cases={
 "sgd_plain": lambda ps: O.SGD(ps, lr=0.1),
 "sgd_momentum_dampening_wd": lambda ps: O.SGD(ps, lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.01),
 "sgd_nesterov_wd": lambda ps: O.SGD(ps, lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01),
 "adam": lambda ps: O.Adam(ps, lr=0.1),
 "adam_wd_amsgrad": lambda ps: O.Adam(ps, lr=0.1, weight_decay=0.1, amsgrad=True),
 "adamw": lambda ps: O.AdamW(ps, lr=0.1, weight_decay=0.1),
 "adamw_amsgrad_betas": lambda ps: O.AdamW(ps, lr=0.05, betas=(0.8,0.99), eps=1e-6, weight_decay=0.2, amsgrad=True),
 "rmsprop": lambda ps: O.RMSprop(ps, lr=0.01),
 "rmsprop_centered_momentum_wd": lambda ps: O.RMSprop(ps, lr=0.01, alpha=0.9, momentum=0.9, centered=True, weight_decay=0.1),
 "adagrad": lambda ps: O.Adagrad(ps, lr=0.1),
 "adagrad_decay_init_wd": lambda ps: O.Adagrad(ps, lr=0.1, lr_decay=0.01, initial_accumulator_value=0.1, weight_decay=0.1, eps=1e-8),
 "adadelta": lambda ps: O.Adadelta(ps),
 "adadelta_custom": lambda ps: O.Adadelta(ps, lr=0.5, rho=0.95, eps=1e-5, weight_decay=0.1),
}
for k,f in cases.items(): print(k, ":", fmt(run(f)))
def sched(make, n, metrics=None):
    p=torch.zeros(1,requires_grad=True); opt=O.SGD([p], lr=0.1)
    s=make(opt); out=[]
    for e in range(n):
        out.append(opt.param_groups[0]['lr'])
        opt.step()
        if metrics is None: s.step()
        else: s.step(metrics[e])
    return out
L=O.lr_scheduler
import warnings; warnings.simplefilter("ignore")
def dfmt(xs): return ", ".join(repr(float(x)) for x in xs)
print("StepLR", dfmt(sched(lambda o: L.StepLR(o,3,0.5),10)))
print("MultiStepLR", dfmt(sched(lambda o: L.MultiStepLR(o,[2,5,9],0.1),11)))
print("ExponentialLR", dfmt(sched(lambda o: L.ExponentialLR(o,0.9),8)))
print("Cosine", dfmt(sched(lambda o: L.CosineAnnealingLR(o,10,0.001),15)))
print("Warmup", dfmt(sched(lambda o: L.SequentialLR(o,[L.LinearLR(o,start_factor=0.25,total_iters=4),L.CosineAnnealingLR(o,8,0.0)],milestones=[4]),13)))
print("OneCycle", dfmt(sched(lambda o: L.OneCycleLR(o,max_lr=0.1,total_steps=20,cycle_momentum=False),20)))
m=[1.0,0.9,0.95,0.91,0.92,0.93,0.89,0.9,0.9,0.9,0.9,0.9,0.9,0.9,0.9,0.9]
print("Plateau", dfmt(sched(lambda o: L.ReduceLROnPlateau(o,mode='min',factor=0.5,patience=2,threshold=0.01,cooldown=1,min_lr=0.02),16,m)))
mx=[0.5,0.6,0.6,0.6,0.7,0.7,0.7,0.7,0.7,0.7]
print("PlateauMaxAbs", dfmt(sched(lambda o: L.ReduceLROnPlateau(o,mode='max',factor=0.1,patience=1,threshold=0.05,threshold_mode='abs'),10,mx)))
# clipping
def clip(norm_type, max_norm):
    g0=torch.tensor([3.0,-4.0,1.0]); g1=torch.tensor([[2.0,0.5],[-1.5,6.0]])
    a=torch.zeros(3,requires_grad=True); b=torch.zeros(2,2,requires_grad=True)
    a.grad=g0.clone(); b.grad=g1.clone()
    t=torch.nn.utils.clip_grad_norm_([a,b],max_norm,norm_type)
    return float(t), a.grad.tolist()+b.grad.flatten().tolist()
for nt,mn in [(2.0,1.0),(1.0,5.0),(float('inf'),2.0),(2.0,100.0)]:
    t,g=clip(nt,mn); print("clip",nt,mn,repr(t),fmt(g))
